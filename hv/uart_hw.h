/* The hypervisor's one driver of the real COM1 (16550): polled, byte for
 * byte as asked (no newline translation: callers send what the line should
 * carry), every wait bounded. Used by HC_CONSOLE_WRITE/READ (hv/hcdev.c)
 * and behind the emulated UART (hv/emulate.c, which hands the chip over with
 * hv/uart_handover.c). Register names: kernel/serial.h. */
#ifndef HV_UART_HW_H
#define HV_UART_HW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Sends one byte once the transmitter has room; gives up after a bounded
 * wait (a UART that never drains loses the byte).
 * RETURNS: 0 or -ETIMEDOUT. */
int uart_hw_putc(uint8_t c);

/* Sends n bytes. RETURNS: 0 or -ETIMEDOUT (the rest is not sent). */
int uart_hw_write(const uint8_t *buf, size_t n);

/* Tells the driver how many bytes the transmitter takes once THRE is set:
 * the FIFO's 16 when whoever set FCR turned the FIFOs on, else 1 (the
 * default, right for any FCR). */
void uart_hw_set_tx_fifo(unsigned depth);

/* RETURNS: 1 with the next received byte in *c; 0 when none waits. */
int uart_hw_getc_nonblock(uint8_t *c);

/* RETURNS: true when a received byte waits in the chip. */
bool uart_hw_is_rx_ready(void);

/* Waits (bounded) until every byte has left the transmitter. */
void uart_hw_drain(void);

/* Turns the received-data interrupt on or off (IER bit 0); the IRQ line
 * also needs MCR.OUT2, which the OS's driver set. */
void uart_hw_rx_irq(bool on);

#endif
