/* The hypervisor's own driver of the real COM1 while it emulates the UART
 * for the OS (hv/emulate.c): it reads the chip's state for the model's seed,
 * sends the bytes the model transmitted, takes the bytes that arrive, and
 * writes the model's state back when emulation stops (docs/devices.md). */
#ifndef HV_UART_OWN_H
#define HV_UART_OWN_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/uart_emul.h"

/* Reads the real chip for uart_emul_seed: registers, divisor, the modem
 * lines and up to 16 bytes already received. FCR is write-only: fcr is the
 * value to assume (the OS's last FCR write), used when IIR shows FIFOs on. */
void uart_own_read(struct uart_regs *regs, uint8_t fcr);

/* Takes the chip for the hypervisor: FIFOs on with a 1-byte trigger, OUT2 on
 * and only the receive interrupt enabled, so every byte that arrives is an
 * interrupt the hypervisor takes. */
void uart_own_take(void);

/* Gives the chip back in the state regs describes, received bytes included
 * (looped back through the transmitter, the data sheet's way to fill RBR),
 * IER last. */
void uart_own_write(const struct uart_regs *regs);

/* Sends one byte on the real line (waits for room in the transmit FIFO). */
void uart_own_putc(uint8_t byte);

/* RETURNS: true when a received byte waits in the chip. */
bool uart_own_is_rx_ready(void);

/* RETURNS: the next received byte (0-255); -ENOENT when none waits. */
int uart_own_getc(void);

#endif
