/* Fatal errors: print one line with a PANIC tag, then power off with a failure status. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* A broken invariant is a bug: stop loudly where it is found. */
#define ASSERT(cond) \
	do { \
		if (!(cond)) \
			panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

#endif
