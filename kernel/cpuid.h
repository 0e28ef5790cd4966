/* CPUID feature bits both images test (SDM Vol. 2A "CPUID—CPU
 * Identification", Table 3-10 "Feature Information Returned in the ECX
 * Register"). */
#ifndef KERNEL_CPUID_H
#define KERNEL_CPUID_H

#define CPUID_1_ECX_VMX (1u << 5)
#define CPUID_1_ECX_HYPERVISOR (1u << 31)

#endif
