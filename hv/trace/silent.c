/* The default: no per-exit output (see hv/trace.h). */
#include "hv/trace.h"

void
trace_exit(uint32_t reason, uint64_t qualification, uint64_t guest_rip)
{
	(void)reason;
	(void)qualification;
	(void)guest_rip;
}
