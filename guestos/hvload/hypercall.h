/* The OS's one way to call the hypervisor. The instruction differs by
 * vendor (VMCALL on Intel VMX, VMMCALL on AMD SVM); the hypervisor names it
 * in CPUID leaf HV_CPUID_FEATURES, ECX (docs/hypercalls.md). */
#ifndef GUESTOS_HVLOAD_HYPERCALL_H
#define GUESTOS_HVLOAD_HYPERCALL_H

#include <stdint.h>

/* Reads the instruction from CPUID HV_CPUID_FEATURES; call once interposed. */
void hypercall_learn(void);

/* Issues hypercall nr with arguments a1..a3 (hv/abi.h).
 * RETURNS: the hypervisor's result: a value, or a negative errno. */
int64_t hypercall(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3);

#endif
