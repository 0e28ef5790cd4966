/* 16550 COM1 driver. Register names and bits: kernel/serial.h (16550 data sheet).
 *
 * Receive: the interrupt handler moves every byte the FIFO holds into rx_ring;
 * readers take them from there without touching the hardware. An interrupt per
 * byte (trigger level 1) keeps the FIFO nearly empty, so typing never overruns
 * it while long-running tasks keep the CPU busy.
 *
 * Transmit: when THRE is set the transmit FIFO is empty, so up to 16 bytes can
 * be pushed without looking again. Each such chunk is written with interrupts
 * off, so output of concurrent writers interleaves at most at chunk boundaries. */
#include "guestos/dev/uart.h"
#include "guestos/dev/dev.h"
#include "guestos/cpu/irq.h"
#include "kernel/console.h"
#include "kernel/ring.h"
#include "kernel/serial.h"
#include "kernel/x86.h"

#define UART_BASE COM1_BASE
#define UART_TX_FIFO 16
/* A pasted screenful (80 x 50 bytes) fits while the shell is busy. */
#define UART_RX_RING 8192
#define UART_LSR_OE 0x02	/* overrun: the 16-byte FIFO was full before we read it */
#define UART_FCR_ENABLE_CLEAR_TRIGGER1 0x07	/* FIFOs on, both cleared, RX trigger 1 byte */
#define UART_MCR_DTR_RTS 0x03

static uint8_t rx_buf[UART_RX_RING];
static struct ring rx_ring;
/* Bytes lost (ring full, or the FIFO overran), and how many were reported. */
static uint64_t rx_lost, rx_lost_reported;

void
uart_rx_poll(void)
{
	/* Reading RBR until LSR.DR clears also clears the receive interrupt; a byte
	 * arriving after the last read raises the line again, a new edge for the PIC. */
	uint8_t lsr;
	while ((lsr = inb(UART_BASE + UART_LSR)) & UART_LSR_DR) {
		uint8_t byte = inb(UART_BASE + UART_RBR);
		/* The OE count is at least one byte lost; a full ring drops this one. */
		rx_lost += (lsr & UART_LSR_OE) != 0;
		if (ring_put(&rx_ring, byte))
			rx_lost++;
	}
}

/* Says once per loss that input went missing, so no typist wonders. */
static int
uart_read(char *buf, size_t n)
{
	uint64_t lost = rx_lost;
	if (lost != rx_lost_reported) {
		kprintf("\n[uart] warning: %lu input bytes lost: typed faster than read\n", lost - rx_lost_reported);
		rx_lost_reported = lost;
	}
	return (int)ring_get(&rx_ring, (uint8_t *)buf, n);
}

/* Fills chunk with the next bytes of s, each '\n' sent as "\r\n" (the serial
 * line is a terminal). RETURNS: the chunk length; *used: bytes of s consumed. */
static size_t
uart_fill_chunk(const char *s, size_t n, char chunk[UART_TX_FIFO], size_t *used)
{
	size_t len = 0, i = 0;
	while (i < n) {
		size_t need = s[i] == '\n' ? 2 : 1;
		if (len + need > UART_TX_FIFO)
			break;
		if (s[i] == '\n')
			chunk[len++] = '\r';
		chunk[len++] = s[i++];
	}
	*used = i;
	return len;
}

static int
uart_write(const char *s, size_t n)
{
	size_t done = 0;
	while (done < n) {
		char chunk[UART_TX_FIFO];
		size_t used;
		size_t len = uart_fill_chunk(s + done, n - done, chunk, &used);
		uint64_t flags = irq_save();
		while (!(inb(UART_BASE + UART_LSR) & UART_LSR_THRE))
			pause();
		for (size_t i = 0; i < len; i++)
			outb(UART_BASE + UART_THR, (uint8_t)chunk[i]);
		irq_restore(flags);
		done += used;
	}
	return (int)n;
}

static void
uart_flush(void)
{
	serial_drain(UART_BASE);
}

static const struct chardev_ops uart_ops = {
	.name = "uart",
	.write = uart_write,
	.read = uart_read,
	.flush = uart_flush,
};

void
uart_init(void)
{
	/* Bytes still in the transmitter would be cut by the reprogramming. */
	uart_flush();
	uint64_t flags = irq_save();
	ring_init(&rx_ring, rx_buf, sizeof(rx_buf));
	/* Line format and baud as the early console set them; then the driver's own
	 * choices: RX trigger at 1 byte, OUT2 to let the IRQ through, RX interrupts. */
	serial_init(UART_BASE);
	outb(UART_BASE + UART_FCR, UART_FCR_ENABLE_CLEAR_TRIGGER1);
	outb(UART_BASE + UART_MCR, UART_MCR_DTR_RTS | UART_MCR_OUT2);
	/* Clear whatever is pending: old receive data, line and modem status. */
	while (inb(UART_BASE + UART_LSR) & UART_LSR_DR)
		inb(UART_BASE + UART_RBR);
	inb(UART_BASE + UART_IIR);
	inb(UART_BASE + UART_MSR);
	outb(UART_BASE + UART_IER, UART_IER_RDA);
	uart_attach();
	irq_restore(flags);
}

void
uart_attach(void)
{
	irq_register(IRQ_COM1, uart_rx_poll);
	dev_set_console(&uart_ops);
}

const struct chardev_ops *
uart_driver(void)
{
	return &uart_ops;
}

void
uart_rx_put(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ring_put(&rx_ring, (uint8_t)buf[i]);
}
