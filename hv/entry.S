/* The hypervisor's mode switches: the image entry, the switch to its own
 * descriptor tables, and the return to native execution.
 *
 * hv_call_on_stack(struct hv_launch *l, void (*fn)(struct hv_launch *))
 *   From hv_entry (main.c), still on the OS's stack: moves to hv_stack and
 *   calls fn(l), which never returns: the OS continues at l->state.rip, as a
 *   guest or natively.
 *
 * hv_load_segments(void)
 *   After LGDT of the hypervisor GDT: reloads CS (far return) and the data
 *   segments with the hypervisor's selectors; FS and GS become null.
 *
 * hv_native_return(const struct hv_cpu_state *s, const struct hv_regs *r)
 *   Last step of going native: the OS's GDT, IDT, TR, control registers and
 *   page tables are already loaded (native.c). Loads the data segments, the
 *   FS/GS bases (after their selectors, which reset them), every general
 *   register from r, and IRETQs to s->rip/rsp/rflags/cs/ss. Never returns.
 */
#include "asm_offsets.h"

#include "hv/cpu.h"
#include "kernel/msr.h"

	.text
	.globl hv_call_on_stack
	.type hv_call_on_stack, @function
hv_call_on_stack:
	lea hv_stack_top(%rip), %rsp
	xor %ebp, %ebp
	call *%rsi
	ud2

	.globl hv_load_segments
	.type hv_load_segments, @function
hv_load_segments:
	pushq $HV_CODE_SEL
	lea 1f(%rip), %rax
	push %rax
	lretq
1:	mov $HV_DATA_SEL, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	ret

	.globl hv_native_return
	.type hv_native_return, @function
hv_native_return:
	mov %rdi, %r8
	mov %rsi, %r9
	movzwl STATE_DS(%r8), %eax
	mov %eax, %ds
	movzwl STATE_ES(%r8), %eax
	mov %eax, %es
	movzwl STATE_FS(%r8), %eax
	mov %eax, %fs
	movzwl STATE_GS(%r8), %eax
	mov %eax, %gs
	mov $MSR_FS_BASE, %ecx
	mov STATE_FS_BASE(%r8), %rax
	mov %rax, %rdx
	shr $32, %rdx
	wrmsr
	mov $MSR_GS_BASE, %ecx
	mov STATE_GS_BASE(%r8), %rax
	mov %rax, %rdx
	shr $32, %rdx
	wrmsr
	/* The IRETQ frame (SDM Vol. 3A §6.14.3 "IRET in IA-32e Mode"). */
	movzwl STATE_SS(%r8), %eax
	push %rax
	pushq STATE_RSP(%r8)
	pushq STATE_RFLAGS(%r8)
	movzwl STATE_CS(%r8), %eax
	push %rax
	pushq STATE_RIP(%r8)
	mov REGS_RAX(%r9), %rax
	mov REGS_RCX(%r9), %rcx
	mov REGS_RDX(%r9), %rdx
	mov REGS_RBX(%r9), %rbx
	mov REGS_RBP(%r9), %rbp
	mov REGS_RSI(%r9), %rsi
	mov REGS_RDI(%r9), %rdi
	mov REGS_R10(%r9), %r10
	mov REGS_R11(%r9), %r11
	mov REGS_R12(%r9), %r12
	mov REGS_R13(%r9), %r13
	mov REGS_R14(%r9), %r14
	mov REGS_R15(%r9), %r15
	mov REGS_R8(%r9), %r8
	mov REGS_R9(%r9), %r9
	iretq

	.bss
	.align 4096
hv_stack:
	.skip 16384
hv_stack_top:
	.globl hv_stack_top
