/* IRQ handler table and dispatch for the 16 PIC lines. */
#include "guestos/cpu/irq.h"
#include "guestos/dev/pic.h"
#include "guestos/task/sched.h"
#include "kernel/panic.h"
#include "kernel/console.h"
#include "kernel/x86.h"

#define IRQ_LINES 16

static irq_handler_t irq_handlers[IRQ_LINES];

void
irq_register(unsigned irq, irq_handler_t handler)
{
	ASSERT(irq < IRQ_LINES);
	irq_handlers[irq] = handler;
	pic_unmask(irq);
}

void
irq_dispatch(unsigned irq)
{
	if (pic_is_spurious(irq))
		return;
	if (irq_handlers[irq])
		irq_handlers[irq]();
	else
		kprintf("[irq] unexpected IRQ %u\n", irq);
	pic_eoi(irq);
}

/* With other tasks ready, waiting means letting them run; the caller checks
 * its condition again either way. */
void
irq_idle(void)
{
	if (sched_has_others_runnable()) {
		sched_yield();
		return;
	}
	uint64_t flags = read_rflags();
	/* STI delays interrupts by one instruction, so none slips in before HLT
	 * (SDM Vol. 2B "STI—Set Interrupt Flag"). */
	sti();
	hlt();
	if (!(flags & RFLAGS_IF))
		cli();
}

uint64_t
irq_save(void)
{
	uint64_t flags = read_rflags();
	cli();
	return flags;
}

void
irq_restore(uint64_t flags)
{
	if (flags & RFLAGS_IF)
		sti();
}
