/* hv_panic. Runs with interrupts off in whatever state the hypervisor is in;
 * printing uses the polled UART, so it works even when the OS's driver was
 * interrupted halfway. */
#include "hv/panic.h"
#include "hv/arch.h"
#include "hv/stats.h"
#include "kernel/console.h"
#include "kernel/power.h"
#include "kernel/printf.h"
#include "kernel/x86.h"

void
hv_panic(const char *fmt, ...)
{
	static int nested;
	char msg[200];
	va_list ap;
	cli();
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("\n[hv] PANIC: %s\n", msg);
	if (!nested++) {
		arch_dump();
		stats_dump_ring(arch_exit_name);
	}
	power_off(POWER_FAIL);
}
