/* The control-register rules of SDM Vol. 3A §2.5 "Control Registers" and
 * the #GP(0) conditions of SDM Vol. 2B "MOV—Move to/from Control
 * Registers", for a CPU in IA-32e mode. The hypervisor applies them to
 * every MOV to CR it intercepts, so the guest gets the fault it would get
 * natively and guest state never holds a value the CPU would refuse. */
#include "hv/cr.h"
#include "kernel/errno.h"

/* The CR0 bits that exist: PE MP EM TS ET NE WP AM NW CD PG. Writes to the
 * other bits of 31:0 are ignored, ET always reads 1; bits 63:32 are
 * reserved and #GP when set (§2.5). */
#define CR0_DEFINED 0xE005003FULL
#define CR0_HIGH 0xFFFFFFFF00000000ULL
#define CR8_TPR 0xFULL

int
cr_check_cr0(const struct cr_model *m, const struct cr_view *g, uint64_t value, uint64_t *out)
{
	(void)m;
	if (value & CR0_HIGH)
		return -EINVAL;
	/* Invalid combinations: PG without PE, NW without CD. */
	if ((value & CR0_PG) && !(value & CR0_PE))
		return -EINVAL;
	if ((value & CR0_NW) && !(value & CR0_CD))
		return -EINVAL;
	/* Leaving IA-32e mode by clearing PG from 64-bit code, or clearing PG with CR4.PCIDE. */
	if (!(value & CR0_PG) && (g->long_mode || (g->cr4 & CR4_PCIDE)))
		return -EINVAL;
	/* CET needs WP (§2.5 "CR4.CET"). */
	if (!(value & CR0_WP) && (g->cr4 & CR4_CET))
		return -EINVAL;
	*out = (value & CR0_DEFINED) | CR0_ET;
	return 0;
}

uint64_t
cr_cr3_reserved(const struct cr_model *m, uint64_t cr4)
{
	unsigned bits = m->phys_bits >= 52 || m->phys_bits == 0 ? 52 : m->phys_bits;
	uint64_t reserved = ~0ULL << bits;
	if (cr4 & CR4_PCIDE)
		reserved &= ~CR3_NO_FLUSH;
	return reserved;
}

int
cr_check_cr3(const struct cr_model *m, const struct cr_view *g, uint64_t value, uint64_t *out)
{
	if (value & cr_cr3_reserved(m, g->cr4))
		return -EINVAL;
	/* With PCIDE, bit 63 only says "do not flush this PCID"; CR3 never holds it. */
	*out = value & ~CR3_NO_FLUSH;
	return 0;
}

int
cr_check_cr4(const struct cr_model *m, const struct cr_view *g, uint64_t value, uint64_t *out)
{
	if (value & ~m->cr4_supported)
		return -EINVAL;
	if (g->long_mode && !(value & CR4_PAE))
		return -EINVAL;
	/* LA57 cannot change in IA-32e mode. */
	if (g->long_mode && ((value ^ g->cr4) & CR4_LA57))
		return -EINVAL;
	/* PCIDE goes 0 -> 1 only in IA-32e mode with CR3[11:0] = 0 (§4.10.1 "Process-Context Identifiers"). */
	if ((value & CR4_PCIDE) && !(g->cr4 & CR4_PCIDE) && (!g->long_mode || (g->cr3 & 0xFFF)))
		return -EINVAL;
	if ((value & CR4_CET) && !(g->cr0 & CR0_WP))
		return -EINVAL;
	*out = value;
	return 0;
}

int
cr_check_cr8(uint64_t value, uint64_t *out)
{
	/* Bits 63:4 are reserved (§10.8.6.1 "Interaction of Task Priorities between CR8 and APIC"). */
	if (value & ~CR8_TPR)
		return -EINVAL;
	*out = value;
	return 0;
}
