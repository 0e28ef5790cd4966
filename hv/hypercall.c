/* Hypercalls. Arguments are guest values: checked before use, and guest
 * memory is reached only through mem_copy_to_guest. */
#include "hv/hypercall.h"
#include "hv/abi.h"
#include "hv/arch.h"
#include "hv/emulate.h"
#include "hv/hypercall_args.h"
#include "hv/hcdev.h"
#include "hv/intr.h"
#include "hv/mem.h"
#include "hv/stats.h"
#include "hv/trace.h"
#include "kernel/crc32.h"
#include "kernel/errno.h"
#include "kernel/vectors.h"

extern char hv_image_start[], hv_image_end[];

static int64_t
hc_stats(uint64_t va, uint64_t len)
{
	int err = hypercall_check_buffer(va, len, sizeof(struct hv_stats));
	if (err)
		return err;
	return mem_copy_to_guest(arch_guest_cr3(), va, stats_get(), sizeof(struct hv_stats));
}

/* HC_EMULATE: the arguments are guest values, checked before they narrow. */
static int64_t
hc_emulate(uint64_t devices, uint64_t master, uint64_t slave)
{
	if (devices > 0xFFFFFFFF || master > 0xFF || slave > 0xFF)
		return trace_err(-EINVAL);
	return emulate_set((uint32_t)devices, (uint8_t)master, (uint8_t)slave);
}

/* The isolation suite's witness: any write that reached the image shows. */
static int64_t
hc_checksum(void)
{
	return crc32_update(0, hv_image_start, (size_t)(hv_image_end - hv_image_start));
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
	case HC_CHECKSUM:
		result = hc_checksum();
		break;
	case HC_EMULATE:
		result = hc_emulate(g[GPR_RDI], g[GPR_RSI], g[GPR_RDX]);
		break;
	case HC_CONSOLE_WRITE:
		result = hcdev_console_write(g[GPR_RDI], g[GPR_RSI]);
		break;
	case HC_CONSOLE_READ:
		result = hcdev_console_read(g[GPR_RDI], g[GPR_RSI]);
		break;
	case HC_DISK_IO:
		result = hcdev_disk_io(g[GPR_RDI]);
		break;
	case HC_DEVICE_OWN:
		result = hcdev_own(g[GPR_RDI], g[GPR_RSI], g[GPR_RDX]);
		break;
	case HC_DEVIRTUALIZE:
		/* Quiesce first: the OS gets its devices back as the models left them. */
		result = emulate_stop();
		if (result)
			break;
		arch_devirtualize(r);
		/* It returns only when it cannot (a handout stub): the call fails. */
		__attribute__((fallthrough));
	default:
		result = trace_err(-ENOSYS);
		break;
	}
	g[GPR_RAX] = (uint64_t)result;
}

bool
hypercall_exit(struct hv_regs *r)
{
	switch (hypercall_gate(arch_guest_cpl(), r->gpr[GPR_RAX], intr_pending(), arch_guest_interruptible())) {
	case HYPERCALL_UD:
		arch_inject_exception(VECTOR_UD, false, 0);
		break;
	case HYPERCALL_RETRY:
		break;
	case HYPERCALL_BUSY:
		r->gpr[GPR_RAX] = (uint64_t)trace_err(-EBUSY);
		arch_skip_instruction();
		break;
	case HYPERCALL_RUN:
		arch_skip_instruction();
		hypercall_dispatch(r);
		break;
	}
	return true;
}
