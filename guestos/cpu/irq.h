/* Hardware interrupt lines (8259 PIC, IRQ 0-15) and their handlers. */
#ifndef GUESTOS_IRQ_H
#define GUESTOS_IRQ_H

#include <stdint.h>

#define IRQ_TIMER 0
#define IRQ_COM1 4

typedef void (*irq_handler_t)(void);

/* Installs the handler for a PIC line and unmasks it. The handler runs with
 * interrupts off; the end-of-interrupt is sent after it returns. */
void irq_register(unsigned irq, irq_handler_t handler);

/* Waits for the next interrupt (STI; HLT), then returns with interrupts as they were.
 * The idle loop of anything that waits for a device. When other tasks are
 * runnable it yields to them instead, so the caller must re-check its condition. */
void irq_idle(void);

/* Called by trap_dispatch for vectors 32-47: runs the handler, then the EOI
 * (spurious IRQ 7/15 get neither). */
void irq_dispatch(unsigned irq);

/* Critical sections against interrupt handlers and preemption:
 * RETURNS: the previous RFLAGS, to hand to irq_restore(). */
uint64_t irq_save(void);
void irq_restore(uint64_t flags);

#endif
