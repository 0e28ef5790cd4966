/* uint32_t switch_probe(void)  (sentinel.h)
 *
 * Checks task/switch.S context_switch on its own, with interrupts off: this
 * context (A) loads sentinels into RBX, RBP, R12-R15 and switches to a
 * context B whose stack holds a frame as task.c builds one for a new task
 * (R15, R14, R13, R12, RBX, RBP, return address, lowest address first) with
 * sentinels of its own; B checks it got them (bits 8-13 of the result
 * otherwise), switches back, and A checks it got its own back (bits 0-5).
 * CR3 stays the same: the switch loads none. The caller's callee-saved
 * registers and RFLAGS wait on its stack.
 */
#define SENTINEL_A(n) $0xa5e471e1c0de0000 + (n)
#define SENTINEL_B(n) $0xb5e471e1c0de0000 + (n)

	.macro check reg, value, bit
	movabs \value, %rcx
	cmp %rcx, \reg
	je 1f
	orl $(1 << \bit), probe_mask(%rip)
1:
	.endm

	.text
	.globl switch_probe
	.type switch_probe, @function
switch_probe:
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	pushfq
	cli
	movl $0, probe_mask(%rip)
	/* B's first frame at the top of its stack. */
	lea probe_stack_top(%rip), %rax
	sub $56, %rax
	movabs SENTINEL_B(5), %rcx
	mov %rcx, 0(%rax)
	movabs SENTINEL_B(4), %rcx
	mov %rcx, 8(%rax)
	movabs SENTINEL_B(3), %rcx
	mov %rcx, 16(%rax)
	movabs SENTINEL_B(2), %rcx
	mov %rcx, 24(%rax)
	movabs SENTINEL_B(0), %rcx
	mov %rcx, 32(%rax)
	movabs SENTINEL_B(1), %rcx
	mov %rcx, 40(%rax)
	lea probe_b(%rip), %rcx
	mov %rcx, 48(%rax)
	movabs SENTINEL_A(0), %rbx
	movabs SENTINEL_A(1), %rbp
	movabs SENTINEL_A(2), %r12
	movabs SENTINEL_A(3), %r13
	movabs SENTINEL_A(4), %r14
	movabs SENTINEL_A(5), %r15
	lea probe_a_rsp(%rip), %rdi
	mov %rax, %rsi
	mov %cr3, %rdx
	call context_switch
	/* Back in A. */
	check %rbx, SENTINEL_A(0), 0
	check %rbp, SENTINEL_A(1), 1
	check %r12, SENTINEL_A(2), 2
	check %r13, SENTINEL_A(3), 3
	check %r14, SENTINEL_A(4), 4
	check %r15, SENTINEL_A(5), 5
	mov probe_mask(%rip), %eax
	popfq
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	ret
	.size switch_probe, . - switch_probe

/* B: entered by context_switch's RET, as a new task is. */
probe_b:
	check %rbx, SENTINEL_B(0), 8
	check %rbp, SENTINEL_B(1), 9
	check %r12, SENTINEL_B(2), 10
	check %r13, SENTINEL_B(3), 11
	check %r14, SENTINEL_B(4), 12
	check %r15, SENTINEL_B(5), 13
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
