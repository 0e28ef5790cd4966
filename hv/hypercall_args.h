/* Hypercall argument checks that need no hardware: unit-tested on the host. */
#ifndef HV_HYPERCALL_ARGS_H
#define HV_HYPERCALL_ARGS_H

#include <stdint.h>

/* Largest guest buffer a hypercall accepts. */
#define HC_MAX_BUFFER (1ULL << 20)

/* A guest buffer [va, va+len) for an object of `need` bytes.
 * RETURNS: 0; -EINVAL when len < need or len > HC_MAX_BUFFER; -EFAULT when
 * va is 0, the range wraps, is not canonical or reaches into the
 * hypervisor's half (HV_LINK_BASE and up). The pages themselves are checked
 * when copying. */
int hypercall_check_buffer(uint64_t va, uint64_t len, uint64_t need);

#endif
