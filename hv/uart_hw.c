/* Polled COM1 for the hypervisor (16550 data sheet: LSR.THRE says the
 * transmit holding register may take a byte, or with FIFOs on that the
 * whole transmit FIFO is empty; LSR.DR that RBR holds one).
 * Every wait is bounded: a wedged UART costs output, never the machine. */
#include "hv/uart_hw.h"
#include "hv/trace.h"
#include "kernel/errno.h"
#include "kernel/serial.h"
#include "kernel/x86.h"

/* LSR reads before a wait gives up: about a second at 115200 baud on any
 * machine we run on, far more than one character time. */
#define UART_HW_POLL_LIMIT 1000000

static unsigned uart_hw_tx_depth = 1;
/* Bytes the transmitter still takes without looking at LSR. */
static unsigned uart_hw_tx_room;

int
uart_hw_putc(uint8_t c)
{
	for (long i = 0; !uart_hw_tx_room; i++) {
		if (i == UART_HW_POLL_LIMIT)
			return trace_err(-ETIMEDOUT);
		if (inb(COM1_BASE + UART_LSR) & UART_LSR_THRE)
			uart_hw_tx_room = uart_hw_tx_depth;
		else
			pause();
	}
	outb(COM1_BASE + UART_THR, c);
	uart_hw_tx_room--;
	return 0;
}

int
uart_hw_write(const uint8_t *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int err = uart_hw_putc(buf[i]);
		if (err)
			return err;
	}
	return 0;
}

void
uart_hw_set_tx_fifo(unsigned depth)
{
	uart_hw_tx_depth = depth;
	/* The OS may have written since: look at LSR before the next byte. */
	uart_hw_tx_room = 0;
}

int
uart_hw_getc_nonblock(uint8_t *c)
{
	if (!uart_hw_is_rx_ready())
		return 0;
	*c = inb(COM1_BASE + UART_RBR);
	return 1;
}

bool
uart_hw_is_rx_ready(void)
{
	return inb(COM1_BASE + UART_LSR) & UART_LSR_DR;
}

void
uart_hw_drain(void)
{
	for (long i = 0; i < UART_HW_POLL_LIMIT && !(inb(COM1_BASE + UART_LSR) & UART_LSR_TEMT); i++)
		pause();
}

void
uart_hw_rx_irq(bool on)
{
	uint8_t ier = inb(COM1_BASE + UART_IER);
	outb(COM1_BASE + UART_IER, on ? ier | UART_IER_RDA : ier & ~UART_IER_RDA);
}
