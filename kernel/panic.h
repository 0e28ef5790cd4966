/* Fatal errors: print one line with a PANIC tag, then power off with a failure status. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <stdarg.h>

/* What every panic does: one line "TAG: message" (fmt with ap), then dump()
 * once (NULL: nothing more to print), then power off with the failure status. */
void panic_va(const char *tag, void (*dump)(void), const char *fmt, va_list ap) __attribute__((noreturn));

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* A broken invariant is a bug: stop loudly where it is found. */
#define ASSERT(cond) \
	do { \
		if (!(cond)) \
			panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

#endif
