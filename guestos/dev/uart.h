/* The guest OS's COM1 driver (16550): receive is interrupt-driven (IRQ 4) into
 * a ring buffer, transmit goes through the 16-byte FIFO. Once up it is the only
 * code that touches the UART's ports. */
#ifndef GUESTOS_UART_H
#define GUESTOS_UART_H

/* Programs COM1 (115200 8N1, FIFOs on), installs the IRQ 4 handler and
 * registers the driver as the console (dev_set_console), which also carries
 * kprintf from then on. Needs the IDT and PIC set up. */
void uart_init(void);

#endif
