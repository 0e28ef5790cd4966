/* Polled 16550 UART output: the console of early boot and of the hypervisor.
 * Register names follow the 16550 data sheet. */
#ifndef KERNEL_SERIAL_H
#define KERNEL_SERIAL_H

#include <stddef.h>
#include <stdint.h>

#define COM1_BASE 0x3F8

#define UART_RBR 0 /* receive buffer (read, DLAB=0) */
#define UART_THR 0 /* transmit holding (write, DLAB=0) */
#define UART_DLL 0 /* divisor low (DLAB=1) */
#define UART_IER 1 /* interrupt enable (DLAB=0) */
#define UART_DLM 1 /* divisor high (DLAB=1) */
#define UART_IIR 2 /* interrupt identification (read) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */
#define UART_MSR 6 /* modem status */
#define UART_SCR 7 /* scratch */

#define UART_LSR_DR 0x01   /* data ready */
#define UART_LSR_THRE 0x20 /* transmit holding register empty */
#define UART_LSR_TEMT 0x40 /* transmitter empty */
#define UART_IER_RDA 0x01  /* received-data-available interrupt */
#define UART_IER_THRE 0x02 /* transmit-holding-register-empty interrupt */
#define UART_LCR_DLAB 0x80
#define UART_MCR_OUT2 0x08 /* gates the IRQ line on PC-compatible boards */

/* 115200 8N1 with FIFOs on, interrupts off. */
void serial_init(uint16_t base);
void serial_write(uint16_t base, const char *s, size_t n);
/* Waits until every queued byte has left the transmitter. */
void serial_drain(uint16_t base);

#endif
