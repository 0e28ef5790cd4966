/* Hypercall checks that need no hardware: unit-tested on the host. */
#ifndef HV_HYPERCALL_ARGS_H
#define HV_HYPERCALL_ARGS_H

#include <stdbool.h>
#include <stdint.h>

/* Largest guest buffer a hypercall accepts. */
#define HC_MAX_BUFFER (1ULL << 20)

/* A guest buffer [va, va+len) for an object of `need` bytes.
 * RETURNS: 0; -EINVAL when len < need or len > HC_MAX_BUFFER; -EFAULT when
 * va is 0, the range wraps, is not canonical or reaches into the
 * hypervisor's half (HV_LINK_BASE and up). The pages themselves are checked
 * when copying. */
int hypercall_check_buffer(uint64_t va, uint64_t len, uint64_t need);

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
