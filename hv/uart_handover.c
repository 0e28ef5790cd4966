/* The real COM1 handed between the OS and the UART model. The register
 * sequences follow the PC16550D data sheet: the divisor latch is reached
 * through LCR.DLAB, FCR is write-only (IIR bits 7:6 show whether FIFOs are
 * on), and in loopback mode (MCR bit 4) the transmitter feeds the
 * receiver. */
#include "hv/uart_handover.h"
#include <stdbool.h>
#include "hv/uart_hw.h"
#include "kernel/serial.h"
#include "kernel/x86.h"

#define BASE COM1_BASE
#define IIR_FIFOS_ON 0xC0
#define FCR_ENABLE 0x01
#define FCR_CLEAR_BOTH 0x06
#define MCR_DTR_RTS_OUT2 0x0B
#define MCR_LOOP 0x10

void
uart_handover_read(struct uart_regs *regs, uint8_t fcr)
{
	uint8_t lcr = inb(BASE + UART_LCR);
	regs->lcr = lcr;
	outb(BASE + UART_LCR, lcr | UART_LCR_DLAB);
	regs->divisor = (uint16_t)(inb(BASE + UART_DLL) | inb(BASE + UART_DLM) << 8);
	outb(BASE + UART_LCR, lcr);
	regs->ier = inb(BASE + UART_IER) & 0x0F;
	regs->mcr = inb(BASE + UART_MCR) & 0x1F;
	regs->scr = inb(BASE + UART_SCR);
	regs->msr = inb(BASE + UART_MSR) & 0xF0;
	/* IIR read last of the interrupt sources: it acknowledges a THR-empty
	 * indication, which the seed recreates from IER anyway. */
	bool fifos = (inb(BASE + UART_IIR) & IIR_FIFOS_ON) == IIR_FIFOS_ON;
	regs->fcr = fifos ? (uint8_t)(fcr | FCR_ENABLE) : 0;
	unsigned max = fifos ? UART_EMUL_FIFO : 1;
	regs->rx_count = 0;
	uint8_t c;
	while (regs->rx_count < max && uart_hw_getc_nonblock(&c))
		regs->rx[regs->rx_count++] = c;
}

void
uart_handover_take(void)
{
	outb(BASE + UART_FCR, FCR_ENABLE);
	uart_hw_set_tx_fifo(UART_EMUL_FIFO);
	outb(BASE + UART_MCR, MCR_DTR_RTS_OUT2);
	outb(BASE + UART_IER, UART_IER_RDA);
}

void
uart_handover_write(const struct uart_regs *regs)
{
	outb(BASE + UART_IER, 0);
	uart_hw_drain();
	outb(BASE + UART_LCR, regs->lcr | UART_LCR_DLAB);
	outb(BASE + UART_DLL, (uint8_t)regs->divisor);
	outb(BASE + UART_DLM, (uint8_t)(regs->divisor >> 8));
	outb(BASE + UART_LCR, regs->lcr);
	/* Bits 1-2 start both FIFOs empty; without FIFOs that is one write of 0. */
	outb(BASE + UART_FCR, regs->fcr & FCR_ENABLE ? (uint8_t)(regs->fcr | FCR_CLEAR_BOTH) : 0);
	/* One byte per THRE is right whatever FCR the OS sets next. */
	uart_hw_set_tx_fifo(1);
	if (regs->rx_count) {
		outb(BASE + UART_MCR, MCR_LOOP | (regs->mcr & 0x0F));
		for (unsigned i = 0; i < regs->rx_count; i++) {
			uart_hw_putc(regs->rx[i]);
			uart_hw_drain();
		}
	}
	outb(BASE + UART_MCR, regs->mcr);
	outb(BASE + UART_SCR, regs->scr);
	outb(BASE + UART_IER, regs->ier);
}
