/* Inside the VMX backend: the per-CPU state and what its files share. The
 * core sees only hv/arch.h. */
#ifndef HV_VMX_VMX_H
#define HV_VMX_VMX_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/abi.h"
#include "hv/regs.h"

#define MSR_IA32_FEATURE_CONTROL 0x3A
#define FEATURE_CONTROL_LOCK (1ULL << 0)
#define FEATURE_CONTROL_VMX_OUTSIDE_SMX (1ULL << 2)
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
#define VMX_BASIC_TRUE_CTLS (1ULL << 55)

struct vmx_cpu {
	void *vmxon_region, *vmcs, *msr_bitmap, *io_bitmap_a, *io_bitmap_b;
	uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	uint64_t cr0_mask, cr4_mask;
	uint32_t proc_controls;	/* cached: interrupt-window exiting toggles */
	bool vmcs_loaded;	/* VMCS current: VMREAD works, arch_dump shows the guest */
	bool launched;		/* the first VM entry succeeded */
	bool committed;		/* the guest ran on after an exit, or a rollback began: no (second) rollback */
	bool power_off_noted;
};

extern struct vmx_cpu vmx;

/* vmx_setup.c: fills the current VMCS from the OS's live state.
 * RETURNS: 0, or -ENODEV / -EINVAL with a one-line reason in why. */
int vmx_setup_vmcs(const struct hv_launch *l, char *why);

/* exit.S: VMLAUNCH with the guest's general registers loaded from r.
 * RETURNS only on VMfail: VMX_FAIL_INVALID or VMX_FAIL_VALID. */
int vmx_launch(const struct hv_regs *r);
void vmx_exit_stub(void);

/* exit.c: called by the exit stub. RETURNS: true to VMRESUME the guest. */
bool vmx_exit_dispatch(struct hv_regs *r);

/* vmx.c: the first VM entry failed; rolls back and resumes the OS. Never returns. */
void vmx_entry_failed(uint32_t reason) __attribute__((noreturn));

/* vmx.c: VMCLEAR, VMXOFF, CR4.VMXE off: back to a CPU without VMX. */
void vmx_leave(void);

/* intr.c: external interrupts on their way to the guest. */
void vmx_intr_reset(void);
void vmx_intr_queue(uint8_t vector);
bool vmx_intr_pending(void);
bool vmx_guest_interruptible(void);
/* Injects a pending interrupt if the guest can take one now, and turns
 * interrupt-window exiting on exactly while some remain. */
void vmx_intr_deliver(void);
void vmx_inject_exception(uint8_t vector, bool has_error, uint32_t error);

#endif
