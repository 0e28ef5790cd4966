/* Inside the VMX backend: the per-CPU state and what its files share. The
 * core sees only hv/arch.h. */
#ifndef HV_VMX_VMX_H
#define HV_VMX_VMX_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/abi.h"
#include "hv/cr.h"
#include "hv/regs.h"
#include "kernel/msr.h"

struct vmx_cpu {
	void *vmxon_region, *vmcs, *msr_bitmap, *io_bitmap_a, *io_bitmap_b;
	uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	uint64_t cr0_mask, cr4_mask;
	struct cr_model cr;	/* what MOV to CR checks against (hv/cr.h) */
	uint32_t proc_controls;	/* cached: interrupt-window exiting toggles */
	bool vmcs_loaded;	/* VMCS current: VMREAD works, arch_dump shows the guest */
	bool launched;		/* the first VM entry succeeded */
	bool committed;		/* the guest ran on after an exit, or a rollback began: no (second) rollback */
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

/* vmx.c: the guest's own view of CR0 / CR4: its bits of the real register,
 * the read shadow for the bits we own. */
uint64_t vmx_guest_cr0(void);
uint64_t vmx_guest_cr4(void);

/* vmx.c: VMCLEAR, VMXOFF, CR4.VMXE off: back to a CPU without VMX. */
void vmx_leave(void);

/* intr.c: injects the interrupt the core picks if the guest can take one
 * now, and turns interrupt-window exiting on exactly while some remain. */
void vmx_intr_deliver(void);

#endif
