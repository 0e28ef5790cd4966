/* A 16550A UART (COM1) as a pure state machine: port reads and writes in,
 * register values, transmitted bytes and the IRQ 4 level out. No port I/O and
 * no hypervisor calls inside, so the same file runs in the hypervisor, in
 * tests/unit/test_uart_emul.c and in tests/fuzz/fuzz_uart_emul.c.
 * Register offsets and bit names: kernel/serial.h and the PC16550D data sheet.
 * Design, limits and the seed/export contract: docs/devices.md. */
#ifndef HV_UART_EMUL_H
#define HV_UART_EMUL_H

#include <stdbool.h>
#include <stdint.h>

#define UART_EMUL_FIFO 16	/* bytes in each of the 16550A's FIFOs */

/* The registers a driver can program, in the form the hypervisor can read
 * from (seed) and write back to (export) a real 16550. */
struct uart_regs {
	uint16_t divisor;	/* DLM:DLL */
	uint8_t lcr;
	uint8_t ier;		/* bits 3:0 */
	uint8_t mcr;		/* bits 4:0 */
	uint8_t fcr;		/* bit 0 FIFOs on, bit 3 DMA mode, bits 7:6 RX trigger */
	uint8_t scr;
	uint8_t msr;		/* bits 7:4: the modem input lines DCD RI DSR CTS */
	uint8_t rx_count;	/* bytes received and not yet read, oldest first */
	uint8_t rx[UART_EMUL_FIFO];
};

struct uart_fifo {
	uint8_t data[UART_EMUL_FIFO];
	uint8_t head;
	uint8_t count;
};

/* The model's state. Callers allocate it and touch it only through the
 * functions below. */
struct uart_emul {
	uint16_t divisor;
	uint8_t lcr, ier, mcr, fcr, scr;
	uint8_t lines;		/* modem inputs outside loopback, MSR bits 7:4 */
	uint8_t msr;		/* as the driver sees it: lines and delta bits 3:0 */
	uint8_t lsr_errors;	/* OE until the driver reads LSR */
	bool thre_pending;	/* THR-empty interrupt not yet acknowledged */
	bool timeout_pending;	/* character timeout indication (FIFO mode) */
	struct uart_fifo rx, tx;
};

/* Starts the model from a real chip's registers (struct uart_regs all zero is
 * the state after a master reset). Line errors and MSR deltas start clear;
 * a THR-empty interrupt is pending when IER enables it (the transmitter is empty).
 * RETURNS: 0; -EINVAL when rx_count exceeds the receiver (16 bytes with FIFOs on,
 * 1 without). */
int uart_emul_seed(struct uart_emul *u, const struct uart_regs *regs);

/* The model's registers and unread received bytes, for writing back to the
 * real chip when emulation stops. Line errors, MSR deltas and the THR-empty
 * indication are not carried (docs/devices.md says how to recreate them).
 * RETURNS: 0; -EBUSY while transmitted bytes wait for uart_emul_tx_pop. */
int uart_emul_export(const struct uart_emul *u, struct uart_regs *regs);

/* A driver's read of base + offset (offset 0-7), side effects included:
 * RBR pops the receiver, IIR acknowledges THR-empty, LSR clears line errors,
 * MSR clears the delta bits. RETURNS: the register value; 0xFF for an offset
 * above 7. */
uint8_t uart_emul_read(struct uart_emul *u, unsigned offset);

/* A driver's write of value to base + offset (offset 0-7). */
void uart_emul_write(struct uart_emul *u, unsigned offset, uint8_t value);

/* RETURNS: the level of the chip's IRQ line as a PC board wires it: an enabled
 * interrupt pending, MCR.OUT2 set and loopback off. */
bool uart_emul_irq_level(const struct uart_emul *u);

/* Takes the oldest transmitted byte, for the hypervisor to send on the real line.
 * RETURNS: the byte (0-255); -ENOENT when the transmitter is empty. */
int uart_emul_tx_pop(struct uart_emul *u);

/* A byte arriving on the line. On a full receiver the chip's overrun happens:
 * LSR.OE is set and, with FIFOs on, the byte is lost; without them it replaces
 * the unread one. RETURNS: 0; -ENOSPC on an overrun. */
int uart_emul_rx_push(struct uart_emul *u, uint8_t byte);

/* RETURNS: bytes the receiver takes before it overruns. */
unsigned uart_emul_rx_room(const struct uart_emul *u);

/* The line has gone quiet: with FIFOs on and bytes waiting below the trigger
 * level, the character timeout interrupt becomes pending (the model has no
 * clock; the caller decides when four character times have passed). */
void uart_emul_rx_idle(struct uart_emul *u);

#endif
