/* lab_not_implemented() for the hypervisor (kernel/lab.h; the Makefile links it
 * instead of kernel/lab_stop.c). A handout stub reached during `hv on` rolls the
 * interpose back, so the OS stays at its prompt and says
 *   hv: on failed: LAB NN: ...: not implemented (ENOSYS); still native
 * That holds until the first VM exit has been handled: write_controls turns on
 * interrupt-window exiting, and the OS hands itself over with RFLAGS.IF = 1, so
 * the first exit comes before the OS has run one instruction as a guest (SDM
 * Vol. 3C §26.2 "Other Causes of VM Exits", §27.7.5 "Interrupt-Window Exiting and
 * Virtual-Interrupt Delivery"); what the OS handed over is still what to give
 * back. Once the guest has run on, report and power off as the OS's stubs do. */
#include "hv/hv.h"
#include "hv/vmx/vmx.h"
#include "kernel/errno.h"
#include "kernel/lab.h"
#include "kernel/power.h"
#include "kernel/x86.h"

void
lab_not_implemented(const char *what)
{
	char why[HV_REASON_LEN];
	/* Once: a stub on the way back itself (vmx_leave, native_resume) comes here again. */
	if (!vmx.committed) {
		vmx.committed = true;
		/* CR4.VMXE is set exactly while in VMX operation: vmx_on clears it when VMXON fails. */
		if (read_cr4() & CR4_VMXE)
			vmx_leave();
		hv_fail(lab_missing_why(why, sizeof(why), what), why);
	}
	lab_report(what);
	power_off(POWER_FAIL);
}
