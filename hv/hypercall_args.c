/* Hypercall checks. Everything here is a pure function of the register
 * values the guest passed, so a bad value can never crash us. */
#include "hv/hypercall_args.h"
#include "hv/abi.h"
#include "hv/trace.h"
#include "kernel/errno.h"
#include "kernel/va.h"

int
hypercall_check_buffer(uint64_t va, uint64_t len, uint64_t need)
{
	if (len < need || len > HC_MAX_BUFFER)
		return trace_err(-EINVAL);
	if (va == 0 || va + len < va)
		return trace_err(-EFAULT);
	uint64_t last = va + len - 1;
	if (!va_is_canonical(va) || !va_is_canonical(last) || (va >> 47) != (last >> 47))
		return trace_err(-EFAULT);
	if (last >= HV_LINK_BASE)
		return trace_err(-EFAULT);
	return 0;
}

enum hypercall_gate
hypercall_gate(unsigned cpl, uint64_t nr, bool pending, bool interruptible)
{
	if (cpl != 0)
		return HYPERCALL_UD;
	/* Devirtualizing drops whatever we hold for the guest, so first let it
	 * take pending interrupts: RIP stays on the hypercall, which runs again
	 * once they are in. With interrupts off it must retry later. */
	if (nr == HC_DEVIRTUALIZE && pending)
		return interruptible ? HYPERCALL_RETRY : HYPERCALL_BUSY;
	return HYPERCALL_RUN;
}
