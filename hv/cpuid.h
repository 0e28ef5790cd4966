/* What the guest sees of CPUID: the real CPU with VMX hidden and the
 * hypervisor bit set, plus the hypervisor leaves of docs/hypercalls.md. */
#ifndef HV_CPUID_H
#define HV_CPUID_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/regs.h"
#include "kernel/cpuid.h"

/* Pure: turns the native answer for `leaf` in r[] (EAX, EBX, ECX, EDX) into
 * the guest's. hypercall_insn is HV_HYPERCALL_VMCALL or _VMMCALL. */
void cpuid_answer(uint32_t leaf, uint32_t hypercall_insn, uint32_t r[4]);

/* A guest CPUID (leaf in RAX, subleaf in RCX): answers in RAX-RDX and
 * completes the instruction. RETURNS: true (resume the guest). */
bool cpuid_exit(struct hv_regs *r);

#endif
