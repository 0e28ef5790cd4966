/* SOURCES: hv/uart_emul.c */
/* Random port reads and writes, received bytes, transmitter pops, line idles,
 * seeds and exports: the FIFOs stay within their size, IIR only ever shows a
 * 16550A code, LSR agrees with the FIFOs and the IRQ line obeys OUT2 and
 * loopback. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hv/uart_emul.h"
#include "kernel/errno.h"

static void
check(int ok)
{
	if (!ok)
		abort();
}

static unsigned
capacity(const struct uart_emul *u)
{
	return u->fcr & 0x01 ? UART_EMUL_FIFO : 1;
}

static void
check_fifos(const struct uart_emul *u)
{
	check(u->rx.count <= capacity(u) && u->tx.count <= capacity(u));
	check(u->rx.head < UART_EMUL_FIFO && u->tx.head < UART_EMUL_FIFO);
	check(uart_emul_rx_room(u) == capacity(u) - u->rx.count);
	if (uart_emul_irq_level(u))
		check((u->mcr & 0x08) && !(u->mcr & 0x10));
}

static void
check_read(const struct uart_emul *before, unsigned offset, uint8_t v)
{
	if (offset == 2) {
		uint8_t id = v & 0x0F;
		check(id == 0x01 || id == 0x06 || id == 0x04 || id == 0x0C || id == 0x02 || id == 0x00);
		check((v & 0x30) == 0);
		check((v & 0xC0) == (before->fcr & 0x01 ? 0xC0 : 0x00));
		check(id != 0x0C || (before->fcr & 0x01));
	} else if (offset == 5) {
		check(!(v & 0x9C));
		check(!!(v & 0x01) == (before->rx.count > 0));
		check(!!(v & 0x20) == (before->tx.count == 0) && !!(v & 0x40) == !!(v & 0x20));
	} else if (offset == 1 && !(before->lcr & 0x80)) {
		check(!(v & 0xF0));
	} else if (offset == 4) {
		check(!(v & 0xE0));
	}
}

/* Export, seed a second model from it, export again: the same registers. */
static void
check_export_round_trip(const struct uart_emul *u)
{
	struct uart_regs a, b;
	struct uart_emul copy;
	int err = uart_emul_export(u, &a);
	check(err == (u->tx.count ? -EBUSY : 0));
	if (err)
		return;
	check(uart_emul_seed(&copy, &a) == 0);
	check(uart_emul_export(&copy, &b) == 0);
	check(memcmp(&a, &b, sizeof(a)) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uart_emul u;
	struct uart_regs seed = { .divisor = 1, .lcr = 0x03 };
	check(uart_emul_seed(&u, &seed) == 0);
	for (size_t i = 0; i + 1 < size; i += 2) {
		uint8_t op = data[i], arg = data[i + 1];
		struct uart_emul before = u;
		switch (op % 8) {
		case 0:
		case 1: {
			unsigned offset = arg & 7;
			check_read(&before, offset, uart_emul_read(&u, offset));
			break;
		}
		case 2:
		case 3:
			uart_emul_write(&u, op >> 5, arg);
			break;
		case 4: {
			int err = uart_emul_rx_push(&u, arg);
			check(err == (before.rx.count < capacity(&before) ? 0 : -ENOSPC));
			break;
		}
		case 5: {
			int byte = uart_emul_tx_pop(&u);
			check(before.tx.count ? byte >= 0 && byte <= 0xFF : byte == -ENOENT);
			break;
		}
		case 6:
			uart_emul_rx_idle(&u);
			break;
		default:
			check_export_round_trip(&u);
			break;
		}
		check_fifos(&u);
	}
	return 0;
}
