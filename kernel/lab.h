/* What handout stubs call: unfinished lab work fails loudly, on a line of its
 * own, and where it can, the OS stays alive (tools/handout.sh; README.md, "Labs"). */
#ifndef KERNEL_LAB_H
#define KERNEL_LAB_H

#include <stddef.h>

/* Prints "<what>: not implemented" as a complete line on the console and the
 * 0xE9 debug port. Safe to call from the console path itself (lab 01). */
void lab_report(const char *what);

/* For a stub in a function that can fail: reports, then
 * RETURNS: -ENOSYS. */
int lab_missing(const char *what);

/* For a stub in a function that fails with a reason (the hypervisor's `why`):
 * writes "<what>: not implemented" into why (len bytes); prints nothing, the
 * caller's failure path says it.
 * RETURNS: -ENOSYS. */
int lab_missing_why(char *why, size_t len, const char *what);

/* For a stub that cannot fail: each image links its own (chosen in the Makefile).
 * The OS's (kernel/lab_stop.c) reports and powers off with a failure status.
 * The hypervisor's (hv/vmx/lab_stop.c) rolls `hv on` back while it still can,
 * so the OS says "hv: on failed: <what>: not implemented" and goes on natively;
 * once the guest has run it reports and powers off too. */
void lab_not_implemented(const char *what) __attribute__((noreturn));

#endif
