/* Model-specific register numbers both images and their assembly use (SDM
 * Vol. 4 §2.1 "Architectural MSRs", Table 2-2 "IA-32 Architectural MSRs").
 * The VMX capability MSRs are read by the hypervisor and probed by `hv probe`
 * (SDM Vol. 3D Appendix A "VMX Capability Reporting Facility"). */
#ifndef KERNEL_MSR_H
#define KERNEL_MSR_H

#define MSR_APIC_BASE 0x1B
#define MSR_IA32_FEATURE_CONTROL 0x3A
#define MSR_SYSENTER_CS 0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176
#define MSR_IA32_DEBUGCTL 0x1D9
#define MSR_PAT 0x277

#define MSR_IA32_VMX_BASIC 0x480
#define MSR_IA32_VMX_PINBASED_CTLS 0x481
#define MSR_IA32_VMX_PROCBASED_CTLS 0x482
#define MSR_IA32_VMX_EXIT_CTLS 0x483
#define MSR_IA32_VMX_ENTRY_CTLS 0x484
#define MSR_IA32_VMX_CR0_FIXED0 0x486
#define MSR_IA32_VMX_CR0_FIXED1 0x487
#define MSR_IA32_VMX_CR4_FIXED0 0x488
#define MSR_IA32_VMX_CR4_FIXED1 0x489
#define MSR_IA32_VMX_PROCBASED_CTLS2 0x48B
#define MSR_IA32_VMX_TRUE_PINBASED_CTLS 0x48D
#define MSR_IA32_VMX_TRUE_PROCBASED_CTLS 0x48E
#define MSR_IA32_VMX_TRUE_EXIT_CTLS 0x48F
#define MSR_IA32_VMX_TRUE_ENTRY_CTLS 0x490
#define MSR_IA32_VMX_VMFUNC 0x491

#define MSR_EFER 0xC0000080 /* bits: kernel/cr.h EFER_* */
#define MSR_STAR 0xC0000081
#define MSR_LSTAR 0xC0000082
#define MSR_CSTAR 0xC0000083
#define MSR_SFMASK 0xC0000084
#define MSR_FS_BASE 0xC0000100
#define MSR_GS_BASE 0xC0000101
#define MSR_KERNEL_GS_BASE 0xC0000102
#define MSR_TSC_AUX 0xC0000103

#ifndef __ASSEMBLY__
/* IA32_FEATURE_CONTROL bits (SDM Vol. 3C §24.7 "Enabling and Entering VMX Operation"). */
#define FEATURE_CONTROL_LOCK (1ULL << 0)
#define FEATURE_CONTROL_VMX_OUTSIDE_SMX (1ULL << 2)
/* IA32_VMX_BASIC bit 55: the TRUE_* control MSRs exist (SDM Vol. 3D §A.1 "Basic VMX Information"). */
#define VMX_BASIC_TRUE_CTLS (1ULL << 55)
#endif

#endif
