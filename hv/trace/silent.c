/* The default: no per-exit output and no error origins (see hv/trace.h). */
#include "hv/trace.h"

void
trace_exit(uint32_t reason, uint64_t detail, uint64_t guest_rip)
{
	(void)reason;
	(void)detail;
	(void)guest_rip;
}

int
trace_error(int err, const char *file, int line)
{
	(void)file;
	(void)line;
	return err;
}

void
trace_irq(unsigned irq, uint8_t vector, bool taken)
{
	(void)irq;
	(void)vector;
	(void)taken;
}

void
trace_device_irq(uint8_t vector, bool forwarded)
{
	(void)vector;
	(void)forwarded;
}
