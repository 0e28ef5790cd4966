/* TRACE=1: one line per VM exit on the serial console, numbered so that
 * tools/trace-report.sh can check it lines up with Bochs' own list, and one
 * line per error return naming where it came from. */
#include "hv/trace.h"
#include "kernel/console.h"

void
trace_exit(uint32_t reason, uint64_t detail, uint64_t guest_rip)
{
	static uint64_t count;
	kprintf("[trace] exit %lu reason=%u rip=0x%lx qual=0x%lx\n", count++, reason, guest_rip, detail);
}

int
trace_error(int err, const char *file, int line)
{
	kprintf("[trace] error %d at %s:%d\n", err, file, line);
	return err;
}

void
trace_device_irq(uint8_t vector, bool forwarded)
{
	kprintf("[trace] device irq vector=%u taken by hv, %s\n", vector,
		forwarded ? "forwarded: bytes wait for HC_CONSOLE_READ" : "ended at the PIC");
}
