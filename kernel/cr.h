/* Bits of the control registers, RFLAGS and IA32_EFER that the images set or
 * test (SDM Vol. 3A §2.5 "Control Registers", §2.2.1 "Extended Feature Enable
 * Register", Vol. 1 §3.4.3 "EFLAGS Register"). Plain numbers, so assembly
 * includes them too. */
#ifndef KERNEL_CR_H
#define KERNEL_CR_H

/* 64-bit in C, so ~CR0_PG keeps the upper half; gas has no ULL suffix. */
#ifndef __ASSEMBLY__
#define CR_BIT(n) (1ULL << (n))
#else
#define CR_BIT(n) (1 << (n))
#endif

#define CR0_PE CR_BIT(0)
#define CR0_NE CR_BIT(5)
#define CR0_WP CR_BIT(16)
#define CR0_PG CR_BIT(31)

#define CR4_PAE CR_BIT(5)
#define CR4_PGE CR_BIT(7)
#define CR4_VMXE CR_BIT(13)

#define RFLAGS_RESERVED1 CR_BIT(1) /* reads as 1 */
#define RFLAGS_IF CR_BIT(9)
#define RFLAGS_DF CR_BIT(10)

#define EFER_SCE CR_BIT(0)
#define EFER_LME CR_BIT(8)
#define EFER_LMA CR_BIT(10)
#define EFER_NXE CR_BIT(11)

#endif
