/* Going native: puts a saved OS state back on the real CPU. */
#ifndef HV_NATIVE_H
#define HV_NATIVE_H

#include "hv/abi.h"
#include "hv/regs.h"

/* Loads s (system registers, segments, flags, stack, RIP) and every general
 * register from r, VMX already off; the OS continues at s->rip. Never returns. */
void native_resume(const struct hv_cpu_state *s, const struct hv_regs *r) __attribute__((noreturn));

#endif
