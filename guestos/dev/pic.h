/* The two cascaded 8259A PICs, remapped so IRQ 0-15 arrive as vectors 32-47. */
#ifndef GUESTOS_PIC_H
#define GUESTOS_PIC_H

#include <stdbool.h>

/* Remaps both controllers and masks every line but the cascade (IRQ 2). */
void pic_init(void);
/* Sets or clears IRQ irq's bit in the interrupt mask register (OCW1). */
void pic_mask(unsigned irq);
void pic_unmask(unsigned irq);
void pic_eoi(unsigned irq);

/* IRQ 7 and 15 also arrive when a request vanished before it was acknowledged.
 * RETURNS: true for such a spurious interrupt; it then has no handler to run,
 * and for IRQ 15 the master still gets its end-of-interrupt here. */
bool pic_is_spurious(unsigned irq);

/* RETURNS: true when IRQ irq is requested (IRR) or in service (ISR): natively
 * it waits for the CPU; under a hypervisor that acknowledged it on a VM exit
 * it is in service and the vector waits in the hypervisor. Leaves OCW3 reading
 * the ISR, as pic_is_spurious does. */
bool pic_is_raised(unsigned irq);

#endif
