/* hv_panic: the hypervisor's one way to stop on a broken invariant or a
 * guest it cannot continue: the message, the arch's dump of the CPU and guest
 * state, the last exits, then power-off with a failure status. */
#ifndef HV_PANIC_H
#define HV_PANIC_H

void hv_panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
