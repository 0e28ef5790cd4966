/* CPUID for the guest. It exits unconditionally under VMX (SDM Vol. 3C
 * §26.1.2 "Instructions That Cause VM Exits Unconditionally") and is
 * intercepted under SVM, so this is where the hypervisor decides what the
 * guest thinks the CPU is: the machine it runs on, minus VMX (so the OS
 * cannot start a hypervisor of its own, SDM Vol. 3C §24.6 "Discovering
 * Support for VMX"), plus the hypervisor-present bit and leaves. */
#include "hv/cpuid.h"
#include "hv/abi.h"
#include "hv/arch.h"
#include "kernel/lab.h"
#include "kernel/string.h"
#include "kernel/x86.h"

void
cpuid_answer(uint32_t leaf, uint32_t hypercall_insn, uint32_t r[4])
{
	/* LAB 07 BEGIN: answer CPUID for the guest: VMX hidden, hypervisor bit, leaves 0x40000000-0x400000FF */
	/* LAB 07 STUB: (void)leaf; (void)hypercall_insn; (void)r; */
	/* LAB 07 STUB: lab_not_implemented("LAB 07: cpuid_answer"); */
	if (leaf >= HV_CPUID_BASE && leaf <= HV_CPUID_BASE + 0xFF) {
		r[0] = r[1] = r[2] = r[3] = 0;
		if (leaf == HV_CPUID_BASE) {
			r[0] = HV_CPUID_FEATURES;
			memcpy(&r[1], HV_CPUID_SIGNATURE, 4);
			memcpy(&r[2], HV_CPUID_SIGNATURE + 4, 4);
			memcpy(&r[3], HV_CPUID_SIGNATURE + 8, 4);
		} else if (leaf == HV_CPUID_FEATURES) {
			r[0] = HV_FEATURE_STATS | HV_FEATURE_DEVIRTUALIZE | HV_FEATURE_HYPERCALL_IO;
			r[1] = HV_ABI_VERSION;
			r[2] = hypercall_insn;
		}
	} else if (leaf == 1) {
		r[2] = (r[2] & ~CPUID_1_ECX_VMX) | CPUID_1_ECX_HYPERVISOR;
	}
	/* LAB 07 END */
}

bool
cpuid_exit(struct hv_regs *r)
{
	uint32_t v[4];
	uint32_t leaf = (uint32_t)r->gpr[GPR_RAX];
	cpuid(leaf, (uint32_t)r->gpr[GPR_RCX], &v[0], &v[1], &v[2], &v[3]);
	cpuid_answer(leaf, arch_hypercall_insn(), v);
	/* Like a real CPUID: 32-bit results, zero-extended into the 64-bit registers. */
	r->gpr[GPR_RAX] = v[0];
	r->gpr[GPR_RBX] = v[1];
	r->gpr[GPR_RCX] = v[2];
	r->gpr[GPR_RDX] = v[3];
	arch_skip_instruction();
	return true;
}
