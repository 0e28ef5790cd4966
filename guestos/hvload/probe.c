/* `hv probe`: checks, from the OS's side, that VMX is invisible: VMXON
 * faults, IA32_FEATURE_CONTROL and the VMX capability MSRs fault, CR4.VMXE
 * reads 0 and cannot be set. Natively the MSRs read fine and VMXE can be set
 * (VMXON still faults: CR4.VMXE is off). Each probe runs under fault_catch.
 * CR4.VMXE is written only where CPUID lists VMX or devirt is under us:
 * on a CPU without VMX it froze QEMU (docs/emulators.md). */
#include <stdbool.h>
#include "guestos/cpu/fault_catch.h"
#include "guestos/cpu/irq.h"
#include "guestos/hvload/probe.h"
#include "hv/abi.h"
#include "kernel/console.h"
#include "kernel/cpuid.h"
#include "kernel/string.h"
#include "kernel/x86.h"

static void
probe_vmxon(void *arg)
{
	(void)arg;
	vmxon_probe(0);
}

static void
probe_rdmsr(void *msr)
{
	rdmsr((uint32_t)(uint64_t)msr);
}

static void
probe_set_vmxe(void *arg)
{
	(void)arg;
	uint64_t cr4 = read_cr4();
	write_cr4(cr4 | CR4_VMXE);
	write_cr4(cr4);
}

bool
probe_vmxe_write_safe(void)
{
	uint32_t a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	if (c & CPUID_1_ECX_VMX)
		return true;
	cpuid(HV_CPUID_BASE, 0, &a, &b, &c, &d);
	return memcmp(&b, HV_CPUID_SIGNATURE, 4) == 0 && memcmp(&c, HV_CPUID_SIGNATURE + 4, 4) == 0;
}

static const char *
probe_try(void (*fn)(void *), void *arg)
{
	return fault_catch_name(fault_catch(fn, arg, NULL));
}

void
probe_run(void)
{
	bool vmxe_safe = probe_vmxe_write_safe();
	uint64_t flags = irq_save();
	bool vmxe_visible = read_cr4() & CR4_VMXE;
	const char *vmxon_result = probe_try(probe_vmxon, NULL);
	const char *fc = probe_try(probe_rdmsr, (void *)(uint64_t)MSR_IA32_FEATURE_CONTROL);
	const char *basic = probe_try(probe_rdmsr, (void *)(uint64_t)MSR_IA32_VMX_BASIC);
	const char *set_vmxe = vmxe_safe ? probe_try(probe_set_vmxe, NULL) : "not tried (CPUID: no VMX)";
	irq_restore(flags);
	kprintf("hv probe: CR4.VMXE reads %d, VMXON %s, RDMSR IA32_FEATURE_CONTROL %s, RDMSR IA32_VMX_BASIC %s, "
		"setting CR4.VMXE %s\n",
		vmxe_visible, vmxon_result, fc, basic, set_vmxe);
}
