/* The record behind irq_trace.h; written in interrupt context, read with
 * interrupts off. */
#include "guestos/cpu/irq_trace.h"

static struct irq_trace_entry trace[IRQ_TRACE_MAX];
static volatile int count;

void
irq_trace_start(void)
{
	count = 0;
}

void
irq_trace_record(uint64_t vector, uint64_t rip, uint64_t rflags)
{
	if (count < IRQ_TRACE_MAX) {
		trace[count] = (struct irq_trace_entry){ vector, rip, rflags };
		count++;
	}
}

int
irq_trace_count(void)
{
	return count;
}

void
irq_trace_get(int i, struct irq_trace_entry *e)
{
	*e = trace[i];
}
