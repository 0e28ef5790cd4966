/* Hypercall argument checks. Everything here is a pure function of the
 * register values the guest passed, so a bad value can never crash us. */
#include "hv/hypercall_args.h"
#include "hv/abi.h"
#include "kernel/errno.h"
#include "kernel/va.h"

int
hypercall_check_buffer(uint64_t va, uint64_t len, uint64_t need)
{
	if (len < need || len > HC_MAX_BUFFER)
		return -EINVAL;
	if (va == 0 || va + len < va)
		return -EFAULT;
	uint64_t last = va + len - 1;
	if (!va_is_canonical(va) || !va_is_canonical(last) || (va >> 47) != (last >> 47))
		return -EFAULT;
	if (last >= HV_LINK_BASE)
		return -EFAULT;
	return 0;
}
