/* The VMX entry and exit stubs: the only places the guest's general
 * registers move between the CPU and struct hv_regs (VMLAUNCH and VM exits
 * load and save none of them, SDM Vol. 3C §28.5 "Loading Host State").
 *
 * vmx_launch(const struct hv_regs *r) -> int
 *   Saves the callee-saved registers, loads every guest register from r,
 *   VMLAUNCH. On success it never returns: the guest runs and exits arrive
 *   at vmx_exit_stub. On VMfail it restores and returns VMX_FAIL_INVALID (1,
 *   CF) or VMX_FAIL_VALID (2, ZF).
 *
 * vmx_exit_stub   [HOST_RIP]
 *   Entered on every VM exit with RSP = HOST_RSP (top of the hypervisor
 *   stack, 16-byte aligned) and interrupts off. Saves the guest registers
 *   as struct hv_regs on the stack, calls vmx_exit_dispatch(regs); when it
 *   returns (true) restores them and VMRESUMEs. A VMRESUME that falls
 *   through ends in vmx_resume_failed, which panics.
 */
#include "asm_offsets.h"
#include "hv/gpr.inc"

	.text
	.globl vmx_launch
	.type vmx_launch, @function
vmx_launch:
	/* LAB 06 BEGIN: save the callee-saved registers, load every guest register from r, VMLAUNCH; on VMfail restore and return 1 (CF) or 2 (ZF) */
	/* LAB 06 STUB: .pushsection .rodata */
	/* LAB 06 STUB: 2: .asciz "LAB 06: vmx_launch" */
	/* LAB 06 STUB: .popsection */
	/* LAB 06 STUB: lea 2b(%rip), %rdi */
	/* LAB 06 STUB: call lab_not_implemented */
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	mov REGS_RAX(%rdi), %rax
	mov REGS_RCX(%rdi), %rcx
	mov REGS_RDX(%rdi), %rdx
	mov REGS_RBX(%rdi), %rbx
	mov REGS_RBP(%rdi), %rbp
	mov REGS_RSI(%rdi), %rsi
	mov REGS_R8(%rdi), %r8
	mov REGS_R9(%rdi), %r9
	mov REGS_R10(%rdi), %r10
	mov REGS_R11(%rdi), %r11
	mov REGS_R12(%rdi), %r12
	mov REGS_R13(%rdi), %r13
	mov REGS_R14(%rdi), %r14
	mov REGS_R15(%rdi), %r15
	mov REGS_RDI(%rdi), %rdi
	vmlaunch
	setc %al
	setz %dl
	movzbl %al, %eax
	movzbl %dl, %edx
	test %eax, %eax
	jnz 1f
	lea (%rdx, %rdx), %eax
1:	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	ret
	/* LAB 06 END */

	.globl vmx_exit_stub
	.type vmx_exit_stub, @function
vmx_exit_stub:
	sub $REGS_SIZE, %rsp
	SAVE_GPRS %rsp
	mov %rsp, %rdi
	xor %ebp, %ebp
	call vmx_exit_dispatch
	LOAD_GPRS %rsp
	add $REGS_SIZE, %rsp
	vmresume
	call vmx_resume_failed
	ud2
