/* Interrupts while interposed. External-interrupt exiting with "acknowledge
 * interrupt on exit" hands us each vector the OS was meant to get (SDM
 * Vol. 3C §28.2.2 "Information for VM Exits Due to Vectored Events"); we count
 * it and inject it (§27.6 "Event Injection") when the guest could take it
 * natively: RFLAGS.IF = 1 and no STI or MOV SS blocking. Otherwise it waits
 * here and interrupt-window exiting (§27.7.5 "Interrupt-Window Exiting and
 * Virtual-Interrupt Delivery") tells us when the window opens.
 * The lowest vector goes first: with the 8259 remapped from 32, that is the
 * PIC's own priority order. */
#include "hv/vmx/vmx.h"
#include "hv/stats.h"
#include "hv/vmx/vmcs.h"
#include "kernel/lab.h"
#include "kernel/x86.h"

static uint64_t pending[4];

void
vmx_intr_reset(void)
{
	for (int i = 0; i < 4; i++)
		pending[i] = 0;
}

void
vmx_intr_queue(uint8_t vector)
{
	/* LAB 08 BEGIN: count the vector, then hold it as pending */
	/* LAB 08 STUB: (void)vector; */
	/* LAB 08 STUB: lab_not_implemented("LAB 08: vmx_intr_queue"); */
	stats_interrupt(vector);
	pending[vector / 64] |= 1ULL << (vector % 64);
	/* LAB 08 END */
}

bool
vmx_intr_pending(void)
{
	return (pending[0] | pending[1] | pending[2] | pending[3]) != 0;
}

bool
vmx_guest_interruptible(void)
{
	/* LAB 08 BEGIN: could the guest take an external interrupt natively right now? */
	/* LAB 08 STUB: lab_not_implemented("LAB 08: vmx_guest_interruptible"); */
	return (vmcs_read(GUEST_RFLAGS) & RFLAGS_IF) &&
	       !(vmcs_read(GUEST_INTERRUPTIBILITY_INFO) & (BLOCKING_BY_STI | BLOCKING_BY_MOV_SS));
	/* LAB 08 END */
}

/* LAB 08 BEGIN: inject the lowest pending vector when the guest can take it; interrupt-window exiting while any wait */
/* LAB 08 STUB: void */
/* LAB 08 STUB: vmx_intr_deliver(void) */
/* LAB 08 STUB: { */
/* LAB 08 STUB: 	lab_not_implemented("LAB 08: vmx_intr_deliver"); */
/* LAB 08 STUB: } */
static int
lowest_pending(void)
{
	for (int i = 0; i < 4; i++)
		if (pending[i])
			return i * 64 + __builtin_ctzll(pending[i]);
	return -1;
}

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
	if (!vmx_intr_pending()) {
		set_window_exiting(false);
		return;
	}
	/* One event per VM entry: a re-injected or exception event goes first. */
	if (!(vmcs_read(VM_ENTRY_INTR_INFO) & INTR_INFO_VALID) && vmx_guest_interruptible()) {
		int v = lowest_pending();
		pending[v / 64] &= ~(1ULL << (v % 64));
		vmcs_write(VM_ENTRY_INTR_INFO, (uint32_t)v | INTR_TYPE_EXTERNAL | INTR_INFO_VALID);
		/* An injected interrupt wakes a halted guest (SDM Vol. 3C §27.7 "Special Features of VM Entry"). */
		vmcs_write(GUEST_ACTIVITY_STATE, ACTIVITY_ACTIVE);
	}
	set_window_exiting(vmx_intr_pending());
}
/* LAB 08 END */

void
vmx_inject_exception(uint8_t vector, bool has_error, uint32_t error)
{
	uint32_t info = vector | INTR_TYPE_HARD_EXCEPTION | INTR_INFO_VALID;
	if (has_error) {
		info |= INTR_INFO_DELIVER_CODE;
		vmcs_write(VM_ENTRY_EXCEPTION_ERROR_CODE, error);
	}
	vmcs_write(VM_ENTRY_INTR_INFO, info);
}
