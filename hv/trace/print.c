/* TRACE=1: one line per VM exit, numbered so that tools/trace-report.sh can
 * check it lines up with Bochs' own list, and one line per error return
 * naming where it came from. The lines go to the emulators' debug console
 * (port 0xE9), not the serial line: at 115200 baud a line costs more guest
 * time than a timer tick under shadow paging, and the guest would never
 * get further than printing its own exits. */
#include <stdarg.h>
#include "hv/trace.h"
#include "kernel/console.h"
#include "kernel/printf.h"
#include "kernel/x86.h"

static void __attribute__((format(printf, 1, 2)))
trace_printf(const char *fmt, ...)
{
	char line[160];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	for (const char *s = line; *s; s++)
		outb(DEBUGCON_PORT, (uint8_t)*s);
}

void
trace_exit(uint32_t reason, uint64_t detail, uint64_t guest_rip)
{
	static uint64_t count;
	trace_printf("[trace] exit %lu reason=%u rip=0x%lx qual=0x%lx\n", count++, reason, guest_rip, detail);
}

int
trace_error(int err, const char *file, int line)
{
	trace_printf("[trace] error %d at %s:%d\n", err, file, line);
	return err;
}

void
trace_irq(unsigned irq, uint8_t vector, bool taken)
{
	if (taken)
		trace_printf("[trace] irq %u vector 0x%x taken by the hypervisor's driver\n", irq, vector);
	else
		trace_printf("[trace] irq %u raised for the OS as vector 0x%x\n", irq, vector);
}

void
trace_device_irq(uint8_t vector, bool forwarded)
{
	trace_printf("[trace] device irq vector=%u taken by hv, %s\n", vector,
		     forwarded ? "forwarded: bytes wait for HC_CONSOLE_READ" : "ended at the PIC");
}
