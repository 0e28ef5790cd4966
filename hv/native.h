/* Going native: puts a saved OS state back on the real CPU. */
#ifndef HV_NATIVE_H
#define HV_NATIVE_H

#include "hv/abi.h"
#include "hv/regs.h"

/* Loads s (system registers, segments, flags, stack, RIP) and every general
 * register from r, VMX already off; the OS continues at s->rip. Never returns. */
void native_resume(const struct hv_cpu_state *s, const struct hv_regs *r) __attribute__((noreturn));

/* The general registers the OS expects when its call into the hypervisor
 * (trampoline_enter) returns: the callee-saved ones from the snapshot s, RAX =
 * result, the rest zero. Both ways back use it: a VMLAUNCH that continues the
 * OS as a guest, and a rollback that continues it natively. */
void native_call_return_regs(struct hv_regs *r, const struct hv_cpu_state *s, int64_t result);

#endif
