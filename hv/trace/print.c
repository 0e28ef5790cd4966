/* TRACE=1: one line per VM exit, numbered so that tools/trace-report.sh can
 * check it lines up with Bochs' own list. The lines go to the 0xE9 debug port
 * only (Bochs' output): through the UART each would cost the guest about half a
 * timer tick of emulated time, enough to starve a preemptive workload. */
#include "hv/trace.h"
#include "kernel/console.h"
#include "kernel/printf.h"

void
trace_exit(uint32_t reason, uint64_t qualification, uint64_t guest_rip)
{
	static uint64_t count;
	char line[96];
	int n = ksnprintf(line, sizeof(line), "[trace] exit %lu reason=%u rip=0x%lx qual=0x%lx\n", count++, reason,
			  guest_rip, qualification);
	console_debug_write(line, n < (int)sizeof(line) ? (size_t)n : sizeof(line) - 1);
}
