/* SOURCES: hv/cr.c */
/* Any value a guest moves to CR0, CR3 or CR4, from any 64-bit state: what
 * hv/cr.c accepts must pass the VM-entry checks on guest control registers
 * (SDM Vol. 3C §27.3.1.1 "Checks on Guest Control Registers, Debug
 * Registers, and MSRs") once the backend adds the VMX fixed bits, so a
 * guest can never make a VM entry fail through a MOV to CR. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hv/cr.h"

/* Bochs corei7_haswell_4770. */
#define CR0_FIXED0 0x80000021ULL
#define CR0_FIXED1 0xFFFFFFFFULL
#define CR4_FIXED0 0x2000ULL
#define CR4_FIXED1 0x1727FFULL

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t w[4];
	if (size < sizeof(w) + 1)
		return 0;
	memcpy(w, data, sizeof(w));
	struct cr_model m = { 36 + data[sizeof(w)] % 17, CR4_FIXED1 & ~CR4_VMXE };
	/* A consistent IA-32e starting point: what the CPU already holds passed these checks. */
	struct cr_view g = { (w[1] & CR0_FIXED1) | CR0_FIXED0 | CR0_WP, w[2] & ~cr_cr3_reserved(&m, 0),
			     (w[3] & m.cr4_supported) | CR4_PAE, true };
	g.cr4 &= ~CR4_PCIDE;
	uint64_t out;
	if (cr_check_cr0(&m, &g, w[0], &out) == 0) {
		uint64_t real = (out | CR0_FIXED0) & CR0_FIXED1;
		if ((real & CR0_FIXED0) != CR0_FIXED0 || (real & ~CR0_FIXED1) || ((real & CR0_PG) && !(real & CR0_PE)))
			abort();
		if (!(out & CR0_PG))
			abort(); /* IA-32e mode guest: PG must stay set */
	}
	if (cr_check_cr3(&m, &g, w[0], &out) == 0 && (out >> m.phys_bits))
		abort();
	if (cr_check_cr4(&m, &g, w[0], &out) == 0) {
		uint64_t real = (out | CR4_FIXED0) & CR4_FIXED1;
		if ((real & CR4_FIXED0) != CR4_FIXED0 || (out & ~CR4_FIXED1) || !(out & CR4_PAE) || (out & CR4_VMXE))
			abort();
		if ((out & CR4_PCIDE) && (g.cr3 & 0xFFF))
			abort();
	}
	return 0;
}
