/* The guest OS's COM1 driver (16550): receive is interrupt-driven (IRQ 4) into
 * a ring buffer, transmit goes through the 16-byte FIFO. Once up it is the only
 * code that touches the UART's ports, unless the console is in hypercall
 * mode (guestos/dev/hvcons.h), when the hypervisor owns them. */
#ifndef GUESTOS_UART_H
#define GUESTOS_UART_H

#include <stddef.h>
#include "guestos/dev/dev.h"

/* Programs COM1 (115200 8N1, FIFOs on), installs the IRQ 4 handler and
 * registers the driver as the console (dev_set_console), which also carries
 * kprintf from then on. Needs the IDT and PIC set up. */
void uart_init(void);

/* The receive side, for the hypercall console (guestos/dev/hvcons.c), which
 * shares the ring so typed bytes keep their order across mode switches. */

/* Moves what the UART holds into the ring; the IRQ 4 handler of direct mode.
 * Call with interrupts off. */
void uart_rx_poll(void);

/* Appends bytes received another way to the ring (dropped when it is full). */
void uart_rx_put(const char *buf, size_t n);

/* Makes this driver the console and IRQ 4's handler again. Interrupts off. */
void uart_attach(void);

/* RETURNS: this driver's operations (its read takes from the shared ring). */
const struct chardev_ops *uart_driver(void);

#endif
