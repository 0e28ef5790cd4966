/* What the CPU does with a value moved to CR0, CR3, CR4 or CR8 in 64-bit
 * mode: fault (#GP) or the value the register then holds. Pure: no
 * hardware access, so it is unit-tested on the host. A backend that
 * intercepts a MOV to CR asks here before anything reaches guest state:
 * a guest must never be able to make a VM entry fail. */
#ifndef HV_CR_H
#define HV_CR_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/x86.h"

#define CR0_ET (1ULL << 4)
#define CR0_NW (1ULL << 29)
#define CR0_CD (1ULL << 30)
#define CR3_NO_FLUSH (1ULL << 63)
#define CR4_LA57 (1ULL << 12)
#define CR4_PCIDE (1ULL << 17)
#define CR4_CET (1ULL << 23)

/* The facts about this CPU the checks depend on. */
struct cr_model {
	unsigned phys_bits;	/* MAXPHYADDR: CPUID 0x80000008 EAX[7:0] */
	uint64_t cr4_supported;	/* the CR4 bits this CPU (as the guest sees it) implements */
};

/* The guest's current view of the registers the checks look at. */
struct cr_view {
	uint64_t cr0, cr3, cr4;
	bool long_mode;		/* IA-32e mode (EFER.LMA): the OS always runs 64-bit code */
};

/* Each RETURNS: 0 with the value the register takes in *out, or -EINVAL
 * when the CPU raises #GP(0) instead (SDM Vol. 2B "MOV—Move to/from
 * Control Registers", Protected Mode Exceptions and 64-Bit Mode Exceptions). */
int cr_check_cr0(const struct cr_model *m, const struct cr_view *g, uint64_t value, uint64_t *out);
int cr_check_cr3(const struct cr_model *m, const struct cr_view *g, uint64_t value, uint64_t *out);
int cr_check_cr4(const struct cr_model *m, const struct cr_view *g, uint64_t value, uint64_t *out);
int cr_check_cr8(uint64_t value, uint64_t *out);

/* RETURNS: the CR3 bits reserved on this CPU with this CR4 (bits
 * MAXPHYADDR..62, and bit 63 unless CR4.PCIDE makes it the no-flush hint). */
uint64_t cr_cr3_reserved(const struct cr_model *m, uint64_t cr4);

#endif
