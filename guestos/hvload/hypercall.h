/* The OS's one way to call the hypervisor. The instruction differs by
 * vendor (VMCALL on Intel VMX, VMMCALL on AMD SVM); the hypervisor names it
 * in CPUID leaf HV_CPUID_FEATURES, ECX (docs/hypercalls.md). */
#ifndef GUESTOS_HVLOAD_HYPERCALL_H
#define GUESTOS_HVLOAD_HYPERCALL_H

#include <stdint.h>

/* Forgets the instruction; the next hypercall() asks CPUID first. Called at
 * every `hv on`: the image underneath may be another backend's. */
void hypercall_forget(void);

/* Issues hypercall nr with arguments a1..a3 (hv/abi.h) with the
 * instruction the hypervisor named.
 * RETURNS: the hypervisor's result: a value, or a negative errno. */
int64_t hypercall(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3);

#endif
