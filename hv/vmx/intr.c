/* Injection, the VMX half of interrupts while interposed (the policy is
 * hv/intr.c). External-interrupt exiting with "acknowledge interrupt on
 * exit" hands us each vector; we inject the one the core picks through
 * VM_ENTRY_INTR_INFO (SDM Vol. 3C §27.6 "Event Injection"), and
 * interrupt-window exiting (§27.7.5 "Interrupt-Window Exiting and
 * Virtual-Interrupt Delivery") tells us when a waiting one can go in. */
#include "hv/vmx/vmx.h"
#include "hv/arch.h"
#include "hv/intr.h"
#include "hv/vmx/vmcs.h"
#include "kernel/lab.h"
#include "kernel/vectors.h"
#include "kernel/x86.h"

bool
arch_guest_interruptible(void)
{
	/* LAB 08 BEGIN: could the guest take an external interrupt natively right now? */
	/* LAB 08 STUB: lab_not_implemented("LAB 08: arch_guest_interruptible"); */
	return (vmcs_read(GUEST_RFLAGS) & RFLAGS_IF) &&
	       !(vmcs_read(GUEST_INTERRUPTIBILITY_INFO) & (BLOCKING_BY_STI | BLOCKING_BY_MOV_SS));
	/* LAB 08 END */
}

/* LAB 08 BEGIN: inject the vector the core gives when the guest can take it; interrupt-window exiting while any wait */
/* LAB 08 STUB: void */
/* LAB 08 STUB: vmx_intr_deliver(void) */
/* LAB 08 STUB: { */
/* LAB 08 STUB: 	lab_not_implemented("LAB 08: vmx_intr_deliver"); */
/* LAB 08 STUB: } */
static void
set_window_exiting(bool on)
{
	uint32_t want = on ? vmx.proc_controls | CPU_INTERRUPT_WINDOW_EXITING
			   : vmx.proc_controls & ~CPU_INTERRUPT_WINDOW_EXITING;
	if (want != vmx.proc_controls) {
		vmx.proc_controls = want;
		vmcs_write(CPU_BASED_VM_EXEC_CONTROL, want);
	}
}

void
vmx_intr_deliver(void)
{
	/* One event per VM entry: a re-injected or exception event goes first. */
	bool free = intr_pending() && !(vmcs_read(VM_ENTRY_INTR_INFO) & INTR_INFO_VALID);
	int v = intr_take(free && arch_guest_interruptible());
	if (v >= 0) {
		vmcs_write(VM_ENTRY_INTR_INFO, (uint32_t)v | INTR_TYPE_EXTERNAL | INTR_INFO_VALID);
		/* An injected interrupt wakes a halted guest (SDM Vol. 3C §27.7 "Special Features of VM Entry"). */
		vmcs_write(GUEST_ACTIVITY_STATE, ACTIVITY_ACTIVE);
	}
	set_window_exiting(intr_pending());
}
/* LAB 08 END */

void
arch_inject_page_fault(uint64_t va, uint32_t code)
{
	/* The guest's CR2 is the CPU's own under VMX: exits leave it alone
	 * (SDM Vol. 3C §28.1 "Architectural State Before a VM Exit"). */
	write_cr2(va);
	arch_inject_exception(VECTOR_PF, true, code);
}

void
arch_inject_exception(uint8_t vector, bool has_error, uint32_t code)
{
	uint32_t info = vector | INTR_TYPE_HARD_EXCEPTION | INTR_INFO_VALID;
	if (has_error) {
		info |= INTR_INFO_DELIVER_CODE;
		vmcs_write(VM_ENTRY_EXCEPTION_ERROR_CODE, code);
	}
	vmcs_write(VM_ENTRY_INTR_INFO, info);
}
