/* int sentinel_call(int (*fn)(void *, uint64_t), void *a, uint64_t b, uint32_t *changed)  (sentinel.h)
 *
 * fn(a, b) with known values in the callee-saved registers (SysV ABI: RBX,
 * RBP, R12-R15), so that a launch that fails to carry one of them over is
 * seen, whether the OS comes back as a guest or natively after a rollback
 * (hvload/trampoline.S captures them; the hypervisor loads them again). The
 * OS's own values wait on the stack. *changed gets one bit per register that
 * came back different: bit 0 RBX, 1 RBP, 2 R12, 3 R13, 4 R14, 5 R15.
 * RETURNS: what fn returned.
 */
#define SENTINEL(n) $0x5e471ee1c0de0000 + (n)

	.macro check reg, n
	movabs SENTINEL(\n), %r8
	cmp %r8, \reg
	je 1f
	or $(1 << \n), %ecx
1:
	.endm

	.text
	.globl sentinel_call
	.type sentinel_call, @function
sentinel_call:
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	/* Seven pushes after the call: RSP is 16-byte aligned for the next call. */
	push %rcx
	mov %rdi, %rax
	mov %rsi, %rdi
	mov %rdx, %rsi
	movabs SENTINEL(0), %rbx
	movabs SENTINEL(1), %rbp
	movabs SENTINEL(2), %r12
	movabs SENTINEL(3), %r13
	movabs SENTINEL(4), %r14
	movabs SENTINEL(5), %r15
	call *%rax
	xor %ecx, %ecx
	check %rbx, 0
	check %rbp, 1
	check %r12, 2
	check %r13, 3
	check %r14, 4
	check %r15, 5
	pop %rdx
	mov %ecx, (%rdx)
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	ret
	.size sentinel_call, . - sentinel_call
