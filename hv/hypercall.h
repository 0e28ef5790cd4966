/* Hypercall dispatch (numbers and registers in hv/abi.h). */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include "hv/regs.h"

/* Runs the hypercall in r->gpr[GPR_RAX] with arguments in RDI, RSI, RDX and
 * puts the result in RAX: the value, or -ENOSYS / -EINVAL / -EFAULT. The
 * caller has checked that the guest is at CPL 0 and moved RIP past the
 * VMCALL. HC_DEVIRTUALIZE does not return. */
void hypercall_dispatch(struct hv_regs *r);

#endif
