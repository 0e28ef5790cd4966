/* int64_t fault_catch_call(struct fault_catch_ctx *ctx, void (*fn)(void *), void *arg)
 *
 * Saves the callee-saved registers, RFLAGS and RSP (pointing at our return
 * address) in ctx, then calls fn(arg). When fn returns, returns FAULT_NONE
 * (-1). When fn faults, fault_catch_trap (fault_catch.c) rewrites the trap
 * frame so the IRETQ returns from this function instead, with RAX = the
 * vector and the registers saved here: no code below runs then.
 * Clobbers the caller-saved registers, as any call.
 */
#include "asm_offsets.h"

	.text
	.globl fault_catch_call
	.type fault_catch_call, @function
fault_catch_call:
	mov %rbx, CATCH_RBX(%rdi)
	mov %rbp, CATCH_RBP(%rdi)
	mov %r12, CATCH_R12(%rdi)
	mov %r13, CATCH_R13(%rdi)
	mov %r14, CATCH_R14(%rdi)
	mov %r15, CATCH_R15(%rdi)
	mov %rsp, CATCH_RSP(%rdi)
	pushfq
	popq CATCH_RFLAGS(%rdi)
	sub $8, %rsp		/* 16-byte alignment at the call */
	mov %rsi, %rax
	mov %rdx, %rdi
	call *%rax
	add $8, %rsp
	mov $-1, %rax
	ret
