/* Accesses whose faults the kernel survives (guestos/cpu/catch.h).
 * Contract: each stores its resume label and RSP in catch_resume / catch_rsp,
 * runs one instruction on the System V arguments (RDI, RSI), clears
 * catch_resume and returns 0. If that instruction faults, catch_fault (trap.c)
 * sends the IRETQ to the resume label with RSP restored, which returns -1.
 * Clobbers RAX, RCX, RDX. */
	.text
.macro arm
	lea 9f(%rip), %rax
	mov %rax, catch_resume(%rip)
	mov %rsp, catch_rsp(%rip)
.endm
.macro done
	movq $0, catch_resume(%rip)
	xor %eax, %eax
	ret
9:	movq $0, catch_resume(%rip)
	mov $-1, %eax
	ret
.endm

	.globl catch_read64
catch_read64:
	arm
	mov (%rdi), %rax
	mov %rax, (%rsi)
	done

	.globl catch_write64
catch_write64:
	arm
	mov %rsi, (%rdi)
	done

	.globl catch_call
catch_call:
	arm
	call *%rdi
	done

	.globl catch_wrmsr
catch_wrmsr:
	arm
	mov %edi, %ecx
	mov %rsi, %rax
	mov %rsi, %rdx
	shr $32, %rdx
	wrmsr
	done

	.globl catch_write_cr3
catch_write_cr3:
	arm
	mov %rdi, %cr3
	done

	.globl catch_vmxon
catch_vmxon:
	arm
	push %rdi
	vmxon (%rsp)
	pop %rdi
	done

	.data
	.globl catch_resume, catch_rsp
catch_resume:	.quad 0
catch_rsp:	.quad 0
