/* One hypercall() for the whole OS, in the style of Jailhouse's
 * jailhouse_hypercall.h: the instruction is chosen by a stored value, not
 * patched into the code. VMCALL on a CPU that does not virtualize it is #UD
 * (SDM Vol. 2C "VMCALL"), as is VMMCALL on Intel: the choice must match the
 * hypervisor underneath. It is learnt on first use, so `hv on` itself costs
 * no extra exit. */
#include "guestos/hvload/hypercall.h"
#include "hv/abi.h"
#include "kernel/x86.h"

static uint32_t insn;	/* HV_HYPERCALL_*, or 0 before the first call */

void
hypercall_forget(void)
{
	insn = 0;
}

int64_t
hypercall(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
	if (!insn) {
		uint32_t a, b, c, d;
		cpuid(HV_CPUID_FEATURES, 0, &a, &b, &c, &d);
		insn = c == HV_HYPERCALL_VMMCALL ? HV_HYPERCALL_VMMCALL : HV_HYPERCALL_VMCALL;
	}
	if (insn == HV_HYPERCALL_VMMCALL)
		return vmmcall(nr, a1, a2, a3);
	return vmcall(nr, a1, a2, a3);
}
