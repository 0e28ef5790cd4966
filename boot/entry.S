/* Multiboot2 header and the 32-bit entry that switches to long mode.
 *
 * Contract: GRUB jumps to _start in 32-bit protected mode, paging off,
 * EAX = 0x36d76289, EBX = physical address of the boot information
 * (Multiboot2 spec §3.3 "I386 machine state"). We build identity-mapped
 * page tables for the first 4 GiB with 2 MiB pages, enable long mode
 * (SDM Vol. 3A §10.8.5 "Initializing IA-32e Mode") and call
 * kmain(magic, info) on boot_stack. kmain must not return.
 */
#include "kernel/cr.h"
#include "kernel/msr.h"
#include "kernel/pt.h"

#define MB2_HEADER_MAGIC 0xE85250D6
#define MB2_ARCH_I386 0
#define PTE_P_W (PTE_PRESENT | PTE_WRITE)
#define PDE_LARGE (PTE_PRESENT | PTE_WRITE | PTE_LARGE)

	.section .multiboot2, "a"
	.align 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	.align 8
	.short 0, 0	/* end tag */
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	mov $boot_stack_top, %esp
	mov %eax, %edi		/* magic: first argument of kmain */
	mov %ebx, %esi		/* info: second argument */

	/* PML4[0] -> PDPT; PDPT[0..3] -> four page directories of 2 MiB pages. */
	mov $boot_pdpt, %eax
	or $PTE_P_W, %eax
	mov %eax, boot_pml4
	mov $boot_pd, %eax
	or $PTE_P_W, %eax
	xor %ecx, %ecx
1:	mov %eax, boot_pdpt(,%ecx,8)
	add $4096, %eax
	inc %ecx
	cmp $4, %ecx
	jne 1b
	xor %ecx, %ecx		/* entry index 0..2047 over the four directories */
2:	mov %ecx, %eax
	shl $21, %eax
	or $PDE_LARGE, %eax
	mov %eax, boot_pd(,%ecx,8)
	mov %ecx, %eax
	shr $11, %eax		/* bits 32+ of the physical address */
	mov %eax, boot_pd+4(,%ecx,8)
	inc %ecx
	cmp $2048, %ecx
	jne 2b

	mov %cr4, %eax
	or $CR4_PAE, %eax
	mov %eax, %cr4
	mov $boot_pml4, %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	wrmsr
	/* CR0.NE: GRUB leaves it clear and VMXON needs it (SDM Vol. 3C
	 * §24.8 "Restrictions on VMX Operation"). */
	mov %cr0, %eax
	or $(CR0_PG | CR0_WP | CR0_NE), %eax
	mov %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $0x08, $long_mode

	.code64
long_mode:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %ax, %ax
	mov %ax, %fs
	mov %ax, %gs
	mov $boot_stack_top, %rsp
	xor %rbp, %rbp
	call kmain
3:	cli
	hlt
	jmp 3b

	.section .boot.data, "a"
	.align 8
/* Accessed bits preset: a later VM entry checks them (SDM Vol. 3C §27.3.1.2
 * "Checks on Guest Segment Registers"). */
boot_gdt:
	.quad 0
	.quad 0x00AF9B000000FFFF	/* 0x08: 64-bit code, DPL 0 */
	.quad 0x00CF93000000FFFF	/* 0x10: data, DPL 0 */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.quad boot_gdt

	.section .boot.bss, "aw", @nobits
	.align 4096
boot_pml4:	.skip 4096
boot_pdpt:	.skip 4096
boot_pd:	.skip 4 * 4096
	.globl boot_stack_top
boot_stack:	.skip 16384
boot_stack_top:
