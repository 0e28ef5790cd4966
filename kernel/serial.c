/* Polled 16550 output. The guest OS replaces it with its own interrupt-driven
 * driver once it is up; the hypervisor keeps using it. */
#include "serial.h"
#include "lab.h"
#include "x86.h"

void
serial_init(uint16_t base)
{
	outb(base + UART_IER, 0);
	outb(base + UART_LCR, UART_LCR_DLAB);
	outb(base + UART_DLL, 1); /* 115200 / 1 */
	outb(base + UART_DLM, 0);
	outb(base + UART_LCR, 0x03);	/* 8N1 */
	outb(base + UART_FCR, 0xC7);	/* enable and clear FIFOs, 14-byte RX trigger */
	outb(base + UART_MCR, 0x03);	/* DTR, RTS */
}

static void
serial_putc(uint16_t base, char c)
{
	/* LAB 01 BEGIN: transmit one byte once the transmit holding register is empty */
	/* LAB 01 STUB: (void)base; (void)c; */
	/* LAB 01 STUB: lab_not_implemented("LAB 01: serial_putc"); */
	while (!(inb(base + UART_LSR) & UART_LSR_THRE))
		pause();
	outb(base + UART_THR, (uint8_t)c);
	/* LAB 01 END */
}

void
serial_write(uint16_t base, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		/* LAB 01 BEGIN: a terminal wants CR LF where C has LF */
		/* LAB 01 STUB: serial_putc(base, s[i]); */
		if (s[i] == '\n')
			serial_putc(base, '\r');
		serial_putc(base, s[i]);
		/* LAB 01 END */
	}
}

void
serial_drain(uint16_t base)
{
	/* LAB 01 BEGIN: wait until the transmitter is empty (shift register included) */
	/* LAB 01 STUB: (void)base; */
	while (!(inb(base + UART_LSR) & UART_LSR_TEMT))
		pause();
	/* LAB 01 END */
}
