/* The hypercall console. Output: chunks of up to HVCONS_CHUNK bytes, each
 * '\n' sent as "\r\n" as the direct driver does, one HC_CONSOLE_WRITE per
 * chunk; the hypervisor returns once they are on the line. Input: the
 * hypervisor's own driver takes COM1's interrupt and forwards IRQ 4 only
 * when bytes wait; our handler fetches them into the shared ring.
 *
 * Switching keeps the order of typed bytes: taking over, the direct driver
 * first empties the UART into the ring, then the hypervisor owns what
 * arrives after; giving back, the hypervisor first empties the UART into
 * its buffer, we fetch all of it, and only then does the direct handler
 * read the UART again. Both run with interrupts off. */
#include "guestos/dev/hvcons.h"
#include "guestos/dev/dev.h"
#include "guestos/dev/uart.h"
#include "guestos/cpu/irq.h"
#include "guestos/cpu/trap.h"
#include "guestos/hvload/hypercall.h"
#include "hv/abi.h"

#define HVCONS_CHUNK 256

static unsigned long irqs;

/* Moves the bytes the hypervisor holds into the ring. Interrupts off. */
static void
hvcons_fetch(void)
{
	static char buf[64];
	int64_t n;
	while ((n = hypercall(HC_CONSOLE_READ, (uint64_t)buf, sizeof(buf), 0)) > 0)
		uart_rx_put(buf, (size_t)n);
}

static void
hvcons_irq(void)
{
	irqs++;
	hvcons_fetch();
}

static int
hvcons_write(const char *s, size_t n)
{
	static char chunk[HVCONS_CHUNK];
	size_t done = 0;
	while (done < n) {
		size_t len = 0;
		/* One writer at a time owns chunk; the hypercall is one exit. */
		uint64_t flags = irq_save();
		for (; done < n && len + 2 <= sizeof(chunk); done++) {
			if (s[done] == '\n')
				chunk[len++] = '\r';
			chunk[len++] = s[done];
		}
		int64_t err = hypercall(HC_CONSOLE_WRITE, (uint64_t)chunk, len, 0);
		irq_restore(flags);
		if (err < 0)
			return (int)err;
	}
	return (int)n;
}

static int
hvcons_read(char *buf, size_t n)
{
	return uart_driver()->read(buf, n);
}

/* HC_CONSOLE_WRITE returns once its bytes have left the transmitter. */
static void
hvcons_flush(void)
{
}

static const struct chardev_ops hvcons_ops = {
	.name = "hvcons",
	.write = hvcons_write,
	.read = hvcons_read,
	.flush = hvcons_flush,
};

int
hvcons_enable(void)
{
	uint64_t flags = irq_save();
	uart_driver()->flush();
	uart_rx_poll();
	int64_t err = hypercall(HC_DEVICE_OWN, HV_DEV_UART, 1, TRAP_IRQ_BASE + IRQ_COM1);
	if (!err) {
		irq_register(IRQ_COM1, hvcons_irq);
		dev_set_console(&hvcons_ops);
	}
	irq_restore(flags);
	return (int)err;
}

int
hvcons_disable(void)
{
	uint64_t flags = irq_save();
	int64_t err = hypercall(HC_DEVICE_OWN, HV_DEV_UART, 0, 0);
	if (!err) {
		hvcons_fetch();
		uart_attach();
	}
	irq_restore(flags);
	return (int)err;
}

unsigned long
hvcons_irqs(void)
{
	return irqs;
}
