/* Hypercall checks that need no hardware: unit-tested on the host. */
#ifndef HV_HYPERCALL_ARGS_H
#define HV_HYPERCALL_ARGS_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/abi.h"

/* Largest guest buffer a hypercall accepts. */
#define HC_MAX_BUFFER (1ULL << 20)

/* A guest buffer [va, va+len) for an object of `need` bytes.
 * RETURNS: 0; -EINVAL when len < need or len > HC_MAX_BUFFER; -EFAULT when
 * va is 0, the range wraps, is not canonical or reaches into the
 * hypervisor's half (HV_LINK_BASE and up). The pages themselves are checked
 * when copying. */
int hypercall_check_buffer(uint64_t va, uint64_t len, uint64_t need);

/* HC_CONSOLE_WRITE and HC_CONSOLE_READ: the bytes at [va, va+len).
 * RETURNS: 0; -EINVAL when len is 0 or above HC_CONSOLE_MAX; -EFAULT as
 * hypercall_check_buffer. */
int hypercall_check_console(uint64_t va, uint64_t len);

/* HC_DISK_IO: where the request lies. RETURNS: 0; -EINVAL when va is not
 * 8-byte aligned; -EFAULT as hypercall_check_buffer. */
int hypercall_check_disk_va(uint64_t va);

/* HC_DISK_IO: the request, copied in, against a disk of disk_sectors.
 * RETURNS: 0; -EINVAL for an unknown op, a count of 0 or above
 * HV_DISK_MAX_SECTORS, sectors beyond the disk or an odd buffer address;
 * -EFAULT for a buffer hypercall_check_buffer refuses. */
int hypercall_check_disk(const struct hv_disk_request *req, uint64_t disk_sectors);

/* HC_DEVICE_OWN: mask names only HV_DEV_* bits and at least one, on is 0
 * or 1, and taking the UART names its interrupt's vector (32-255).
 * RETURNS: 0 or -EINVAL. */
int hypercall_check_own(uint64_t mask, uint64_t on, uint64_t vector);

/* What becomes of a hypercall instruction the guest executed. */
enum hypercall_gate {
	HYPERCALL_UD,		/* not from ring 0: #UD, as on a CPU without a hypervisor */
	HYPERCALL_RETRY,	/* resume at the instruction: pending interrupts go in first */
	HYPERCALL_BUSY,		/* complete it with -EBUSY: the guest must retry later */
	HYPERCALL_RUN,		/* complete it and run the call */
};

/* cpl: the guest's privilege level; nr: its RAX; pending: interrupts wait
 * for the guest; interruptible: it could take one now.
 * RETURNS: the hypercall_gate for this hypercall. */
enum hypercall_gate hypercall_gate(unsigned cpl, uint64_t nr, bool pending, bool interruptible);

#endif
