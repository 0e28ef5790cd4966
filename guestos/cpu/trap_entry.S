/* Interrupt and exception entry stubs.
 *
 * Contract: the CPU enters through an IDT gate (interrupt gate: IF=0) on the
 * current stack (ring 0) or on TSS.RSP0 (from ring 3) and has pushed SS, RSP,
 * RFLAGS, CS, RIP and, for some exceptions, an error code (SDM Vol. 3A §6.14.2
 * "64-Bit Mode Stack Frame"). Each stub pushes a 0 error code where the CPU
 * pushes none, then the vector; the common path pushes RAX..R15 so the stack
 * holds a struct trap_frame (guestos/cpu/trap.h), calls trap_dispatch(frame),
 * then pops it all and IRETQs. The stack pointer is 16-byte aligned at the call.
 * GS is never used, so there is no SWAPGS.
 */

#include "kernel/vectors.h"

	.text
/* Exceptions with an error code (VECTOR_HAS_ERROR: 8, 10-14, 17, 21, 29, 30,
 * SDM Vol. 3A §6.13 "Error Code") skip the dummy. */
.macro TRAP vec
	.align 16
trap_stub_\vec:
	.if VECTOR_HAS_ERROR(\vec) == 0
	pushq $0
	.endif
	pushq $\vec
	jmp trap_common
.endm

.irp vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
TRAP \vec
.endr
.irp vec, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,128
TRAP \vec
.endr

trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	mov %rsp, %rdi
	/* 22 quadwords pushed on a 16-byte aligned stack (the CPU aligns it in
	 * 64-bit mode, SDM Vol. 3A §6.14.2 "64-Bit Mode Stack Frame"): RSP stays 16-byte aligned. */
	call trap_dispatch

	.globl trap_return
trap_return:
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	add $16, %rsp		/* vector and error code */
	iretq

/* Stub addresses in vector order for idt.c: 0-47, then 0x80. */
	.section .rodata
	.align 8
	.globl trap_stubs
trap_stubs:
.irp vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad trap_stub_\vec
.endr
.irp vec, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,128
	.quad trap_stub_\vec
.endr
