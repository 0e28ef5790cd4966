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

int
hypercall_check_console(uint64_t va, uint64_t len)
{
	if (len == 0 || len > HC_CONSOLE_MAX)
		return trace_err(-EINVAL);
	return hypercall_check_buffer(va, len, 1);
}

int
hypercall_check_disk_va(uint64_t va)
{
	if (va % 8)
		return trace_err(-EINVAL);
	return hypercall_check_buffer(va, sizeof(struct hv_disk_request), sizeof(struct hv_disk_request));
}

int
hypercall_check_disk(const struct hv_disk_request *req, uint64_t disk_sectors)
{
	if (req->op != HV_DISK_READ && req->op != HV_DISK_WRITE)
		return trace_err(-EINVAL);
	if (req->count == 0 || req->count > HV_DISK_MAX_SECTORS)
		return trace_err(-EINVAL);
	/* lba is 64 bits wide: compare without adding, so no sum can wrap. */
	if (req->lba >= disk_sectors || req->count > disk_sectors - req->lba)
		return trace_err(-EINVAL);
	/* The data register moves 16-bit words. */
	if (req->buf % 2)
		return trace_err(-EINVAL);
	uint64_t len = (uint64_t)req->count * HV_DISK_SECTOR;
	return hypercall_check_buffer(req->buf, len, len);
}

int
hypercall_check_own(uint64_t mask, uint64_t on, uint64_t vector)
{
	if (mask == 0 || (mask & ~(uint64_t)(HV_DEV_UART | HV_DEV_IDE)) || on > 1)
		return trace_err(-EINVAL);
	/* Vectors below 32 are the CPU's exceptions (SDM Vol. 3A §6.2 "Exception and Interrupt Vectors"). */
	if ((mask & HV_DEV_UART) && on && (vector < 32 || vector > 255))
		return trace_err(-EINVAL);
	return 0;
}
