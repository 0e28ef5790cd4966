/* TRACE=1: one line per VM exit on the serial console, numbered so that
 * tools/trace-report.sh can check it lines up with Bochs' own list. */
#include "hv/trace.h"
#include "kernel/console.h"

void
trace_exit(uint32_t reason, uint64_t qualification, uint64_t guest_rip)
{
	static uint64_t count;
	kprintf("[trace] exit %lu reason=%u rip=0x%lx qual=0x%lx\n", count++, reason, guest_rip, qualification);
}
