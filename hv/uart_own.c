/* The real COM1 under the hypervisor while the OS talks to the model. The
 * register sequences follow the PC16550D data sheet: the divisor latch is
 * reached through LCR.DLAB, FCR is write-only (IIR bits 7:6 show whether
 * FIFOs are on), and in loopback mode (MCR bit 4) the transmitter feeds the
 * receiver. */
#include "hv/uart_own.h"
#include "kernel/errno.h"
#include "kernel/serial.h"
#include "kernel/x86.h"

#define BASE COM1_BASE
#define IIR_FIFOS_ON 0xC0
#define FCR_ENABLE 0x01
#define FCR_CLEAR_BOTH 0x06
#define MCR_DTR_RTS_OUT2 0x0B
#define MCR_LOOP 0x10

/* Bytes the transmit FIFO still takes without looking at LSR. */
static unsigned tx_room;

void
uart_own_read(struct uart_regs *regs, uint8_t fcr)
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
	while (regs->rx_count < max && (inb(BASE + UART_LSR) & UART_LSR_DR))
		regs->rx[regs->rx_count++] = inb(BASE + UART_RBR);
}

void
uart_own_take(void)
{
	outb(BASE + UART_FCR, FCR_ENABLE);
	outb(BASE + UART_MCR, MCR_DTR_RTS_OUT2);
	outb(BASE + UART_IER, UART_IER_RDA);
	tx_room = 0;
}

void
uart_own_write(const struct uart_regs *regs)
{
	outb(BASE + UART_IER, 0);
	serial_drain(BASE);
	outb(BASE + UART_LCR, regs->lcr | UART_LCR_DLAB);
	outb(BASE + UART_DLL, (uint8_t)regs->divisor);
	outb(BASE + UART_DLM, (uint8_t)(regs->divisor >> 8));
	outb(BASE + UART_LCR, regs->lcr);
	/* Bits 1-2 start both FIFOs empty; without FIFOs that is one write of 0. */
	outb(BASE + UART_FCR, regs->fcr & FCR_ENABLE ? (uint8_t)(regs->fcr | FCR_CLEAR_BOTH) : 0);
	if (regs->rx_count) {
		outb(BASE + UART_MCR, MCR_LOOP | (regs->mcr & 0x0F));
		for (unsigned i = 0; i < regs->rx_count; i++) {
			outb(BASE + UART_THR, regs->rx[i]);
			serial_drain(BASE);
		}
	}
	outb(BASE + UART_MCR, regs->mcr);
	outb(BASE + UART_SCR, regs->scr);
	outb(BASE + UART_IER, regs->ier);
}

void
uart_own_putc(uint8_t byte)
{
	/* THRE with FIFOs on means the whole transmit FIFO is empty. */
	if (!tx_room) {
		while (!(inb(BASE + UART_LSR) & UART_LSR_THRE))
			pause();
		tx_room = UART_EMUL_FIFO;
	}
	outb(BASE + UART_THR, byte);
	tx_room--;
}

int
uart_own_getc(void)
{
	if (!(inb(BASE + UART_LSR) & UART_LSR_DR))
		return -ENOENT;
	return inb(BASE + UART_RBR);
}

bool
uart_own_is_rx_ready(void)
{
	return inb(BASE + UART_LSR) & UART_LSR_DR;
}
