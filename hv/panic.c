/* hv_panic. Runs with interrupts off in whatever state the hypervisor is in;
 * printing uses the polled UART, so it works even when the OS's driver was
 * interrupted halfway. */
#include "hv/panic.h"
#include "hv/arch.h"
#include "hv/stats.h"
#include "kernel/panic.h"

/* The backend's view of the CPU and the last exits, for the post-mortem. */
static void
hv_panic_dump(void)
{
	arch_dump();
	stats_dump_ring(arch_exit_name);
}

void
hv_panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	panic_va("[hv] PANIC", hv_panic_dump, fmt, ap);
}
