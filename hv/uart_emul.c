/* 16550A UART model. Behaviour follows the National Semiconductor PC16550D
 * data sheet ("Register Descriptions", "FIFO Interrupt Mode Operation");
 * the model has no clock, so everything the chip does "after a character
 * time" happens when the hypervisor calls tx_pop, rx_push or rx_idle. */
#include "hv/uart_emul.h"
#include "kernel/errno.h"
#include "kernel/serial.h"
#include "kernel/string.h"

/* Data sheet bit names for what kernel/serial.h does not need. */
#define IER_ERBFI 0x01	/* received data available, character timeout */
#define IER_ETBEI 0x02	/* transmitter holding register empty */
#define IER_ELSI 0x04	/* receiver line status */
#define IER_EDSSI 0x08	/* modem status */
#define IER_MASK 0x0F

#define IIR_NONE 0x01
#define IIR_LINE_STATUS 0x06
#define IIR_RX_DATA 0x04
#define IIR_RX_TIMEOUT 0x0C
#define IIR_THRE 0x02
#define IIR_MODEM_STATUS 0x00
#define IIR_FIFOS_ON 0xC0	/* 16550A; the buggy 16550 showed 0x80 */

#define FCR_ENABLE 0x01
#define FCR_CLEAR_RX 0x02
#define FCR_CLEAR_TX 0x04
#define FCR_KEPT 0xC9		/* enable, DMA mode, trigger: the bits FCR remembers */

#define LSR_OE 0x02

#define MCR_DTR 0x01
#define MCR_RTS 0x02
#define MCR_OUT1 0x04
#define MCR_LOOP 0x10
#define MCR_MASK 0x1F

#define MSR_CTS 0x10
#define MSR_DSR 0x20
#define MSR_RI 0x40
#define MSR_DCD 0x80
#define MSR_LINES 0xF0
#define MSR_DELTAS 0x0F
#define MSR_TERI 0x04	/* trailing edge of RI */

static const uint8_t uart_rx_trigger[4] = { 1, 4, 8, 14 };

static bool
uart_is_fifo_mode(const struct uart_emul *u)
{
	return u->fcr & FCR_ENABLE;
}

/* Without FIFOs the receiver is RBR alone and the transmitter THR alone. */
static unsigned
uart_capacity(const struct uart_emul *u)
{
	return uart_is_fifo_mode(u) ? UART_EMUL_FIFO : 1;
}

static void
uart_fifo_put(struct uart_fifo *f, uint8_t byte)
{
	f->data[(f->head + f->count) % UART_EMUL_FIFO] = byte;
	f->count++;
}

static uint8_t
uart_fifo_get(struct uart_fifo *f)
{
	uint8_t byte = f->data[f->head];
	f->head = (uint8_t)((f->head + 1) % UART_EMUL_FIFO);
	f->count--;
	return byte;
}

/* The transmitter running dry is the event that raises THR-empty. */
static void
uart_tx_clear(struct uart_emul *u)
{
	if (u->tx.count)
		u->thre_pending = true;
	u->tx.count = 0;
	u->tx.head = 0;
}

static void
uart_rx_clear(struct uart_emul *u)
{
	u->rx.count = 0;
	u->rx.head = 0;
	u->timeout_pending = false;
}

/* MSR bits 7:4 as the driver sees them: in loopback the outputs are wired to
 * the inputs, CTS = RTS, DSR = DTR, RI = OUT1, DCD = OUT2 (data sheet, "Modem
 * Control Register", bit 4). */
static uint8_t
uart_visible_lines(const struct uart_emul *u)
{
	if (!(u->mcr & MCR_LOOP))
		return u->lines;
	uint8_t m = u->mcr;
	return (uint8_t)((m & MCR_RTS ? MSR_CTS : 0) | (m & MCR_DTR ? MSR_DSR : 0) |
			 (m & MCR_OUT1 ? MSR_RI : 0) | (m & UART_MCR_OUT2 ? MSR_DCD : 0));
}

/* Delta bits: CTS, DSR and DCD on any change, RI only when it goes inactive. */
static void
uart_update_msr(struct uart_emul *u)
{
	uint8_t old = u->msr & MSR_LINES;
	uint8_t now = uart_visible_lines(u);
	uint8_t changed = old ^ now;
	uint8_t deltas = (uint8_t)((changed & (MSR_CTS | MSR_DSR | MSR_DCD)) >> 4);
	if ((old & MSR_RI) && !(now & MSR_RI))
		deltas |= MSR_TERI;
	u->msr = (uint8_t)(now | (u->msr & MSR_DELTAS) | deltas);
}

/* Interrupt identification, highest priority first (data sheet table
 * "Interrupt Control Functions"): line status, received data or character
 * timeout, THR empty, modem status. */
static uint8_t
uart_pending(const struct uart_emul *u)
{
	if ((u->ier & IER_ELSI) && u->lsr_errors)
		return IIR_LINE_STATUS;
	if (u->ier & IER_ERBFI) {
		unsigned trigger = uart_is_fifo_mode(u) ? uart_rx_trigger[u->fcr >> 6] : 1;
		if (u->rx.count >= trigger)
			return IIR_RX_DATA;
		if (u->timeout_pending)
			return IIR_RX_TIMEOUT;
	}
	if ((u->ier & IER_ETBEI) && u->thre_pending)
		return IIR_THRE;
	if ((u->ier & IER_EDSSI) && (u->msr & MSR_DELTAS))
		return IIR_MODEM_STATUS;
	return IIR_NONE;
}

int
uart_emul_seed(struct uart_emul *u, const struct uart_regs *regs)
{
	if (regs->rx_count > (regs->fcr & FCR_ENABLE ? UART_EMUL_FIFO : 1))
		return -EINVAL;
	memset(u, 0, sizeof(*u));
	u->divisor = regs->divisor;
	u->lcr = regs->lcr;
	u->ier = regs->ier & IER_MASK;
	u->mcr = regs->mcr & MCR_MASK;
	u->fcr = regs->fcr & FCR_KEPT;
	u->scr = regs->scr;
	u->lines = regs->msr & MSR_LINES;
	u->msr = uart_visible_lines(u);
	for (unsigned i = 0; i < regs->rx_count; i++)
		uart_fifo_put(&u->rx, regs->rx[i]);
	u->thre_pending = u->ier & IER_ETBEI;
	return 0;
}

int
uart_emul_export(const struct uart_emul *u, struct uart_regs *regs)
{
	if (u->tx.count)
		return -EBUSY;
	memset(regs, 0, sizeof(*regs));
	regs->divisor = u->divisor;
	regs->lcr = u->lcr;
	regs->ier = u->ier;
	regs->mcr = u->mcr;
	regs->fcr = u->fcr;
	regs->scr = u->scr;
	regs->msr = u->lines;
	regs->rx_count = u->rx.count;
	for (unsigned i = 0; i < u->rx.count; i++)
		regs->rx[i] = u->rx.data[(u->rx.head + i) % UART_EMUL_FIFO];
	return 0;
}

static uint8_t
uart_read_rbr(struct uart_emul *u)
{
	/* An empty receiver reads 0; the chip would show a stale byte. */
	uint8_t byte = u->rx.count ? uart_fifo_get(&u->rx) : 0;
	u->timeout_pending = false;
	return byte;
}

static uint8_t
uart_read_iir(struct uart_emul *u)
{
	uint8_t id = uart_pending(u);
	/* Reading IIR acknowledges THR empty only when it is the reported source. */
	if (id == IIR_THRE)
		u->thre_pending = false;
	return (uint8_t)(id | (uart_is_fifo_mode(u) ? IIR_FIFOS_ON : 0));
}

/* No shift register is modelled: a byte popped by the hypervisor has left,
 * so TEMT equals THRE. Parity, framing and break never happen (the
 * hypervisor forwards bytes, not line conditions), so LSR bits 2-4 and 7 stay 0. */
static uint8_t
uart_read_lsr(struct uart_emul *u)
{
	uint8_t lsr = u->lsr_errors;
	if (u->rx.count)
		lsr |= UART_LSR_DR;
	if (!u->tx.count)
		lsr |= UART_LSR_THRE | UART_LSR_TEMT;
	u->lsr_errors = 0;
	return lsr;
}

static uint8_t
uart_read_msr(struct uart_emul *u)
{
	uint8_t msr = u->msr;
	u->msr &= MSR_LINES;
	return msr;
}

uint8_t
uart_emul_read(struct uart_emul *u, unsigned offset)
{
	bool dlab = u->lcr & UART_LCR_DLAB;
	switch (offset) {
	case UART_RBR:
		return dlab ? (uint8_t)u->divisor : uart_read_rbr(u);
	case UART_IER:
		return dlab ? (uint8_t)(u->divisor >> 8) : u->ier;
	case UART_IIR:
		return uart_read_iir(u);
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		return uart_read_lsr(u);
	case UART_MSR:
		return uart_read_msr(u);
	case UART_SCR:
		return u->scr;
	default:
		return 0xFF;
	}
}

/* In loopback the byte goes straight to the receiver and THR is empty again
 * at once, so every write ends with a fresh THR-empty interrupt. A write into
 * a full transmitter is dropped: the data sheet leaves it undefined and
 * drivers wait for THRE first. */
static void
uart_write_thr(struct uart_emul *u, uint8_t byte)
{
	u->thre_pending = false;
	if (u->mcr & MCR_LOOP) {
		uart_emul_rx_push(u, byte);
		u->thre_pending = true;
	} else if (u->tx.count < uart_capacity(u)) {
		uart_fifo_put(&u->tx, byte);
	}
}

/* Enabling ETBEI while THR is empty raises THR-empty, as Linux's and
 * Windows' transmit start relies on; the model does it on the 0 -> 1 edge. */
static void
uart_write_ier(struct uart_emul *u, uint8_t value)
{
	bool was = u->ier & IER_ETBEI;
	u->ier = value & IER_MASK;
	if (!was && (u->ier & IER_ETBEI))
		u->thre_pending = u->tx.count == 0;
}

/* FCR bits other than 0 are programmed only with bit 0 set; changing bit 0
 * empties both FIFOs (data sheet, "FIFO Control Register"). */
static void
uart_write_fcr(struct uart_emul *u, uint8_t value)
{
	if ((value ^ u->fcr) & FCR_ENABLE) {
		uart_rx_clear(u);
		uart_tx_clear(u);
	}
	if (!(value & FCR_ENABLE)) {
		u->fcr &= (uint8_t)~FCR_ENABLE;
		return;
	}
	if (value & FCR_CLEAR_RX)
		uart_rx_clear(u);
	if (value & FCR_CLEAR_TX)
		uart_tx_clear(u);
	u->fcr = value & FCR_KEPT;
}

void
uart_emul_write(struct uart_emul *u, unsigned offset, uint8_t value)
{
	bool dlab = u->lcr & UART_LCR_DLAB;
	switch (offset) {
	case UART_THR:
		if (dlab)
			u->divisor = (uint16_t)((u->divisor & 0xFF00) | value);
		else
			uart_write_thr(u, value);
		break;
	case UART_IER:
		if (dlab)
			u->divisor = (uint16_t)((u->divisor & 0x00FF) | value << 8);
		else
			uart_write_ier(u, value);
		break;
	case UART_FCR:
		uart_write_fcr(u, value);
		break;
	case UART_LCR:
		u->lcr = value;
		break;
	case UART_MCR:
		u->mcr = value & MCR_MASK;
		uart_update_msr(u);
		break;
	case UART_SCR:
		u->scr = value;
		break;
	default:	/* LSR and MSR are read-only */
		break;
	}
}

/* In loopback the OUT2 pin is forced inactive (data sheet, "Modem Control
 * Register" bit 4), which on a PC board disconnects the IRQ line. */
bool
uart_emul_irq_level(const struct uart_emul *u)
{
	if (!(u->mcr & UART_MCR_OUT2) || (u->mcr & MCR_LOOP))
		return false;
	return uart_pending(u) != IIR_NONE;
}

int
uart_emul_tx_pop(struct uart_emul *u)
{
	if (!u->tx.count)
		return -ENOENT;
	uint8_t byte = uart_fifo_get(&u->tx);
	if (!u->tx.count)
		u->thre_pending = true;
	return byte;
}

/* Overrun (data sheet, "Line Status Register" bit 1): with FIFOs the
 * character in the shift register is lost; without them it overwrites RBR. */
int
uart_emul_rx_push(struct uart_emul *u, uint8_t byte)
{
	if (u->rx.count < uart_capacity(u)) {
		uart_fifo_put(&u->rx, byte);
		return 0;
	}
	u->lsr_errors |= LSR_OE;
	if (!uart_is_fifo_mode(u))
		u->rx.data[u->rx.head] = byte;
	return -ENOSPC;
}

unsigned
uart_emul_rx_room(const struct uart_emul *u)
{
	return uart_capacity(u) - u->rx.count;
}

void
uart_emul_rx_idle(struct uart_emul *u)
{
	if (uart_is_fifo_mode(u) && u->rx.count)
		u->timeout_pending = true;
}
