/* The one interface between the arch-neutral core and a virtualization
 * backend: hv/vmx/ implements it with Intel VMX; an AMD SVM backend would
 * sit beside it and implement the same functions. */
#ifndef HV_ARCH_H
#define HV_ARCH_H

#include <stdint.h>
#include "hv/abi.h"
#include "hv/regs.h"

/* Slides under the OS whose live state is l->state: the OS continues at
 * l->state.rip as a guest with RAX = 0. tsc_start is when hv_entry began.
 * RETURNS only on failure: a negative errno, with a one-line reason in
 * why[HV_REASON_LEN]; VMX (or SVM) is off again. A failure found later (a
 * VM entry that fails) ends in hv_fail() instead. */
int arch_interpose(const struct hv_launch *l, uint64_t tsc_start, char *why);

/* From inside an exit, for HC_DEVIRTUALIZE: hands the CPU back to the OS,
 * which continues natively after its hypercall with RAX = 0. Returns only when
 * it cannot (a handout stub): the hypercall then fails with -ENOSYS. */
void arch_devirtualize(struct hv_regs *r);

/* RETURNS: the guest's CR3 at the current exit, for guest memory access. */
uint64_t arch_guest_cr3(void);

/* Prints the backend's view of the CPU (guest state when in an exit); for hv_panic. */
void arch_dump(void);

/* RETURNS: the name of an exit reason ("CPUID"), never NULL. */
const char *arch_exit_name(uint32_t reason);

#endif
