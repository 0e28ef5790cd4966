/* Ring-3 side of the system-call ABI (guestos/cpu/syscall.h), part of the user
 * program section: position independent, no data.
 *
 * long user_syscall(long nr, long a1, long a2, long a3): SysV arguments in
 * RDI, RSI, RDX, RCX are moved to RAX, RDI, RSI, RDX for `int $0x80`; the
 * result is in RAX. Clobbers nothing else (the kernel saves every register).
 *
 * void user_hlt(void): a privileged instruction, for the fault-priv workload.
 *
 * void user_vmcall_devirtualize(void): the HC_DEVIRTUALIZE hypercall (hv/abi.h)
 * from ring 3, for the fault-vmcall workload: #UD natively and under the
 * hypervisor alike; it must never devirtualize.
 */
#define HC_DEVIRTUALIZE 2
	.text
	.globl user_syscall
user_syscall:
	mov %rdi, %rax
	mov %rsi, %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	int $0x80
	ret

	.globl user_hlt
user_hlt:
	hlt
	ret

	.globl user_vmcall_devirtualize
user_vmcall_devirtualize:
	mov $HC_DEVIRTUALIZE, %eax
	vmcall
	ret
