/* int switch_probe_enter(void *unused, uint64_t unused2)  (sentinel.h)
 *
 * Called through sentinel_call with interrupts off, so that this context (A)
 * has sentinels in RBX, RBP, R12-R15, and sentinel_call checks that A gets
 * them back. It switches with task/switch.S context_switch to a context B
 * whose stack holds a frame as task.c builds one for a new task (R15, R14,
 * R13, R12, RBX, RBP, return address, lowest address first) with sentinels
 * of its own; B checks it got them and switches back. CR3 stays the same.
 * RETURNS: the registers B did not get from its frame (bit 0 RBX, 1 RBP,
 * 2 R12 ... 5 R15).
 */
#define SENTINEL_B(n) $0xb5e471e1c0de0000 + (n)

	.macro check reg, n
	movabs SENTINEL_B(\n), %rcx
	cmp %rcx, \reg
	je 1f
	orl $(1 << \n), probe_mask(%rip)
1:
	.endm

	.macro frame slot, n
	movabs SENTINEL_B(\n), %rcx
	mov %rcx, \slot(%rax)
	.endm

	.text
	.globl switch_probe_enter
	.type switch_probe_enter, @function
switch_probe_enter:
	movl $0, probe_mask(%rip)
	lea probe_stack_top(%rip), %rax
	sub $56, %rax
	frame 0, 5
	frame 8, 4
	frame 16, 3
	frame 24, 2
	frame 32, 0
	frame 40, 1
	lea probe_b(%rip), %rcx
	mov %rcx, 48(%rax)
	lea probe_a_rsp(%rip), %rdi
	mov %rax, %rsi
	mov %cr3, %rdx
	call context_switch
	mov probe_mask(%rip), %eax
	ret
	.size switch_probe_enter, . - switch_probe_enter

/* B: entered by context_switch's RET, as a new task is. */
probe_b:
	check %rbx, 0
	check %rbp, 1
	check %r12, 2
	check %r13, 3
	check %r14, 4
	check %r15, 5
	lea probe_b_rsp(%rip), %rdi
	mov probe_a_rsp(%rip), %rsi
	mov %cr3, %rdx
	call context_switch
	ud2

	.bss
	.balign 16
probe_stack:
	.skip 512
probe_stack_top:
probe_a_rsp:
	.quad 0
probe_b_rsp:
	.quad 0
probe_mask:
	.long 0
