/* gdt_load_segments(code, data): reloads CS with a far return and DS, ES, SS
 * with `data`; FS and GS get the null selector (nothing uses them).
 * Contract: SysV ABI, DI = code selector, SI = data selector; clobbers RAX.
 * Returns on the same stack. */
	.text
	.globl gdt_load_segments
gdt_load_segments:
	mov %si, %ds
	mov %si, %es
	mov %si, %ss
	xor %eax, %eax
	mov %ax, %fs
	mov %ax, %gs
	popq %rax		/* return address */
	movzwq %di, %rdi
	pushq %rdi
	pushq %rax
	lretq
