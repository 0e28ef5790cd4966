/* Hypercalls (numbers and registers in hv/abi.h, docs/hypercalls.md). */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include <stdbool.h>
#include "hv/regs.h"

/* The guest executed the hypercall instruction (VMCALL or VMMCALL): checks
 * its privilege (hypercall_gate), then completes it and runs the call in
 * r->gpr[GPR_RAX], or injects #UD, or leaves it to run again.
 * RETURNS: true (resume the guest); HC_DEVIRTUALIZE does not return. */
bool hypercall_exit(struct hv_regs *r);

/* Runs the hypercall in r->gpr[GPR_RAX] with arguments in RDI, RSI, RDX and
 * puts the result in RAX: the value, or -ENOSYS / -EINVAL / -EFAULT. The
 * caller has checked that the guest is at CPL 0 and completed the
 * instruction. HC_DEVIRTUALIZE does not return. */
void hypercall_dispatch(struct hv_regs *r);

#endif
