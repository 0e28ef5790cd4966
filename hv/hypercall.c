/* Hypercalls. Arguments are guest values: checked before use, and guest
 * memory is reached only through mem_copy_to_guest. */
#include "hv/hypercall.h"
#include "hv/abi.h"
#include "hv/arch.h"
#include "hv/hypercall_args.h"
#include "hv/mem.h"
#include "hv/stats.h"
#include "kernel/errno.h"

static int64_t
hc_stats(uint64_t va, uint64_t len)
{
	int err = hypercall_check_buffer(va, len, sizeof(struct hv_stats));
	if (err)
		return err;
	return mem_copy_to_guest(arch_guest_cr3(), va, stats_get(), sizeof(struct hv_stats));
}

void
hypercall_dispatch(struct hv_regs *r)
{
	uint64_t *g = r->gpr;
	int64_t result;
	switch (g[GPR_RAX]) {
	case HC_VERSION:
		result = HV_ABI_VERSION;
		break;
	case HC_STATS:
		result = hc_stats(g[GPR_RDI], g[GPR_RSI]);
		break;
	case HC_DEVIRTUALIZE:
		arch_devirtualize(r);
		/* It returns only when it cannot (a handout stub): the call fails. */
		__attribute__((fallthrough));
	default:
		result = -ENOSYS;
		break;
	}
	g[GPR_RAX] = (uint64_t)result;
}
