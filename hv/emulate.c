/* Trap and emulate COM1 and the primary ATA disk. While the hypervisor owns
 * a device, the I/O bitmap sends the OS's accesses to its ports here and the
 * model answers them; the hypervisor's drivers (hv/uart_hw.c, hv/ata.c) drive
 * the real chips behind the models, handed over by hv/uart_handover.c and
 * hv/ide_handover.c. A model's IRQ line becomes the vector the OS programmed
 * into its 8259 on each rising edge (the PC's 8259 is edge-triggered), when
 * the OS's mask (IMR, read from the PIC) lets it through. The real UART's
 * interrupt is the hypervisor's: it takes the vector, ends it at the PIC
 * with a specific EOI, and moves the bytes into the model. The real disk's
 * interrupt stays off (nIEN). */
#include "hv/emulate.h"
#include "hv/arch.h"
#include "hv/ide_emul.h"
#include "hv/ide_handover.h"
#include "hv/intr.h"
#include "hv/panic.h"
#include "hv/trace.h"
#include "hv/uart_emul.h"
#include "hv/uart_handover.h"
#include "hv/uart_hw.h"
#include "kernel/ata.h"
#include "kernel/errno.h"
#include "kernel/lab.h"
#include "kernel/serial.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define UART_PORTS 8
#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define OCW2_SPECIFIC_EOI 0x60
#define PIC_CASCADE_IRQ 2

enum { OWNER_OS, OWNER_HV, OWNER_WAITING };

struct emul_irq {
	unsigned irq;
	bool level;	/* the model's line at the last look */
	bool request;	/* a rising edge the OS's mask still holds back */
};

static struct uart_emul uart;
static struct ide_emul ide;
static struct hv_dev_stats dev[2];
static struct emul_irq irqs[2] = { { 4, false, false }, { 14, false, false } };
static uint8_t vector_base[2] = { 0x20, 0x28 };
/* Write-only registers the seed needs: the OS's last value, first the one its
 * drivers program (guestos/dev/uart.c FCR 0x07, guestos/dev/ide.c nIEN). */
static uint8_t os_fcr = 0x07, os_control = ATA_CONTROL_NIEN;
static uint64_t ide_words;
static unsigned uart_quiet;

static int
port_device(uint16_t port)
{
	if (port >= COM1_BASE && port < COM1_BASE + UART_PORTS)
		return HV_DEV_STATS_UART;
	if ((port >= ATA_BASE && port < ATA_BASE + ATA_PORTS) || port == ATA_CONTROL)
		return HV_DEV_STATS_IDE;
	return -1;
}

static void
intercept_device(int d, bool on)
{
	uint16_t base = d == HV_DEV_STATS_UART ? COM1_BASE : ATA_BASE;
	for (uint16_t p = 0; p < 8; p++)
		arch_io_intercept(base + p, on);
	if (d == HV_DEV_STATS_IDE)
		arch_io_intercept(ATA_CONTROL, on);
}

static uint8_t
irq_vector(unsigned irq)
{
	return (uint8_t)(vector_base[irq / 8] + irq % 8);
}

static bool
is_masked(unsigned irq)
{
	if (irq < 8)
		return inb(PIC1_DATA) & (1u << irq);
	return (inb(PIC2_DATA) & (1u << (irq - 8))) || (inb(PIC1_DATA) & (1u << PIC_CASCADE_IRQ));
}

static bool
model_irq_level(int d)
{
	return d == HV_DEV_STATS_UART ? uart_emul_irq_level(&uart) : ide_emul_irq_level(&ide);
}

/* Rising edges of the models' lines become the OS's vectors (SDM Vol. 3C
 * §27.6 "Event Injection", through hv/intr.c). As on an 8259, an edge waits
 * in IRR while masked and is gone when the line falls before delivery. */
static void
update_irqs(void)
{
	for (int d = 0; d < 2; d++) {
		struct emul_irq *q = &irqs[d];
		if (dev[d].owner != OWNER_HV)
			continue;
		/* LAB 10 BEGIN: a rising edge of the model's line, let through by the OS's mask, raises its vector */
		/* LAB 10 STUB: (void)q; (void)is_masked; (void)model_irq_level; (void)irq_vector; */
		/* LAB 10 STUB: lab_not_implemented("LAB 10: emulate update_irqs"); */
		bool level = model_irq_level(d);
		if (level && !q->level)
			q->request = true;
		if (!level)
			q->request = false;
		q->level = level;
		if (q->request && !is_masked(q->irq)) {
			q->request = false;
			intr_raise(irq_vector(q->irq));
			dev[d].irq_injected++;
			trace_irq(q->irq, irq_vector(q->irq), false);
		}
		/* LAB 10 END */
	}
}

/* Moves what arrived on the real line into the model while it has room (the
 * rest waits in the real FIFO); two quiet polls in a row count as the line
 * gone idle (the model's character timeout). */
static void
uart_pull(void)
{
	bool got = false;
	uint8_t c;
	while (uart_emul_rx_room(&uart) && uart_hw_getc_nonblock(&c)) {
		uart_emul_rx_push(&uart, c);
		dev[HV_DEV_STATS_UART].units++;
		got = true;
	}
	if (got)
		uart_quiet = 0;
	else if (++uart_quiet == 2)
		uart_emul_rx_idle(&uart);
}

static void
uart_drain(void)
{
	int c;
	while ((c = uart_emul_tx_pop(&uart)) >= 0) {
		uart_hw_putc((uint8_t)c);
		dev[HV_DEV_STATS_UART].units++;
	}
}

static void
uart_start(void)
{
	struct uart_regs regs;
	uart_handover_read(&regs, os_fcr);
	if (uart_emul_seed(&uart, &regs))
		hv_panic("UART model refused the state read from the chip");
	uart_handover_take();
	/* A byte waiting at the seed may have raised the real line already; a
	 * second interrupt is harmless to a driver, a lost one stalls it. */
	irqs[HV_DEV_STATS_UART].level = false;
	uart_quiet = 0;
	dev[HV_DEV_STATS_UART].owner = OWNER_HV;
	intercept_device(HV_DEV_STATS_UART, true);
}

/* Quiesce: what arrived goes into the model first (so it stays ahead of
 * later bytes), what the model transmitted goes out, then the chip gets the
 * model's state. */
static void
uart_stop(void)
{
	struct uart_regs regs;
	uart_pull();
	uart_drain();
	if (uart_emul_export(&uart, &regs))
		hv_panic("UART model refused the state read from the chip");
	uart_handover_write(&regs);
	os_fcr = regs.fcr;
	dev[HV_DEV_STATS_UART].owner = OWNER_OS;
	intercept_device(HV_DEV_STATS_UART, false);
}

/* Takes the disk once it is between commands: snapshot first (IDENTIFY
 * changes the task file), then the hypervisor's own IDENTIFY DEVICE.
 * RETURNS: 0 (owned or still waiting); -ENODEV, -EIO when the disk fails. */
static int
ide_try_take(void)
{
	static uint16_t identify[IDE_EMUL_WORDS];
	struct ide_regs regs;
	int err = ide_handover_snapshot(&regs, os_control);
	if (err == -EBUSY) {
		dev[HV_DEV_STATS_IDE].owner = OWNER_WAITING;
		return 0;
	}
	if (!err)
		err = ide_handover_take(identify);
	if (!err)
		err = ide_emul_seed(&ide, &regs, identify, &ide_handover_disk, NULL);
	if (err) {
		dev[HV_DEV_STATS_IDE].owner = OWNER_OS;
		intercept_device(HV_DEV_STATS_IDE, false);
		return trace_err(err == -EBUSY ? -EIO : err);
	}
	irqs[HV_DEV_STATS_IDE].level = ide_emul_irq_level(&ide);
	dev[HV_DEV_STATS_IDE].owner = OWNER_HV;
	return 0;
}

static int
ide_stop(void)
{
	struct ide_regs regs;
	if (dev[HV_DEV_STATS_IDE].owner == OWNER_HV) {
		if (ide_emul_export(&ide, &regs))
			return trace_err(-EBUSY);
		ide_handover_write(&regs);
		os_control = regs.control;
	}
	dev[HV_DEV_STATS_IDE].owner = OWNER_OS;
	intercept_device(HV_DEV_STATS_IDE, false);
	return 0;
}

void
emulate_reset(void)
{
	for (int d = 0; d < 2; d++) {
		dev[d] = (struct hv_dev_stats){ 0 };
		irqs[d].level = irqs[d].request = false;
	}
	ide_words = 0;
}

int
emulate_stop(void)
{
	return emulate_set(0, vector_base[0], vector_base[1]);
}

uint32_t
emulate_devices(void)
{
	return (dev[HV_DEV_STATS_UART].owner ? HV_DEV_UART : 0) | (dev[HV_DEV_STATS_IDE].owner ? HV_DEV_IDE : 0);
}

int
emulate_set(uint32_t devices, uint8_t master, uint8_t slave)
{
	if ((devices & ~(HV_DEV_UART | HV_DEV_IDE)) || master % 8 || slave % 8 || master < 32 || slave < 32)
		return trace_err(-EINVAL);
	vector_base[0] = master;
	vector_base[1] = slave;
	uint32_t now = emulate_devices();
	/* The disk first: it is the one that can refuse, and then nothing changed. */
	if ((now & HV_DEV_IDE) && !(devices & HV_DEV_IDE)) {
		int err = ide_stop();
		if (err)
			return err;
		dev[HV_DEV_STATS_IDE].switches++;
	}
	if ((now & HV_DEV_UART) && !(devices & HV_DEV_UART)) {
		uart_stop();
		dev[HV_DEV_STATS_UART].switches++;
	}
	if (!(now & HV_DEV_UART) && (devices & HV_DEV_UART)) {
		uart_start();
		dev[HV_DEV_STATS_UART].switches++;
	}
	if (!(now & HV_DEV_IDE) && (devices & HV_DEV_IDE)) {
		intercept_device(HV_DEV_STATS_IDE, true);
		int err = ide_try_take();
		if (err)
			return err;
		dev[HV_DEV_STATS_IDE].switches++;
	}
	update_irqs();
	return 0;
}

static bool
is_owned(int d)
{
	return d >= 0 && dev[d].owner == OWNER_HV;
}

static unsigned
ide_offset(uint16_t port)
{
	return port == ATA_CONTROL ? IDE_EMUL_CONTROL : (unsigned)(port - ATA_BASE);
}

/* The hardware's own answer, at the access's size. */
static uint32_t
port_read(uint16_t port, unsigned size)
{
	return size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
}

/* The OS's write to the hardware, at its size. While the disk is waiting
 * the OS still drives it; device control is write-only, so its nIEN is
 * remembered for the seed. */
static void
port_write(uint16_t port, unsigned size, uint32_t v)
{
	for (unsigned i = 0; i < size; i++)
		if (port + i == ATA_CONTROL)
			os_control = (uint8_t)(v >> (8 * i)) & (uint8_t)~ATA_CONTROL_SRST;
	if (size == 1)
		outb(port, (uint8_t)v);
	else if (size == 2)
		outw(port, (uint16_t)v);
	else
		outl(port, v);
}

static uint8_t
in_byte(uint16_t port)
{
	int d = port_device(port);
	if (!is_owned(d))
		return (uint8_t)port_read(port, 1);
	if (d == HV_DEV_STATS_UART)
		return uart_emul_read(&uart, port - COM1_BASE);
	return ide_emul_read(&ide, ide_offset(port));
}

static void
out_byte(uint16_t port, uint8_t v)
{
	int d = port_device(port);
	if (!is_owned(d)) {
		port_write(port, 1, v);
	} else if (d == HV_DEV_STATS_UART) {
		uart_emul_write(&uart, port - COM1_BASE, v);
	} else {
		ide_emul_write(&ide, ide_offset(port), v);
	}
}

/* RETURNS: the device whose ports the access of size bytes at port touches
 * (the I/O bitmap makes it exit when any byte is intercepted), or -1. */
static int
access_device(uint16_t port, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		if (port_device((uint16_t)(port + i)) >= 0)
			return port_device((uint16_t)(port + i));
	return -1;
}

/* RETURNS: true when no byte of the access is a port the hypervisor owns:
 * the hardware answers it whole, at its size. The disk's ports while it is
 * waiting are such: a word of the data port must stay one word, or the
 * sector in the device's buffer is read or filled out of step. */
static bool
is_forwarded(uint16_t port, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		if (is_owned(port_device((uint16_t)(port + i))))
			return false;
	return true;
}

static bool
is_data_port(uint16_t port, unsigned size)
{
	return port == ATA_BASE && size >= 2 && is_owned(HV_DEV_STATS_IDE);
}

static void
count_exit(uint16_t port, unsigned size)
{
	int d = access_device(port, size);
	if (d >= 0)
		dev[d].port_exits++;
}

/* A 16- or 32-bit access to 8-bit registers is that many byte accesses, as
 * the ISA bus splits it; the data register moves 16-bit words. */
static void
in_elements(uint16_t port, unsigned size, void *buf, unsigned n)
{
	uint8_t *b = buf;
	if (is_forwarded(port, size)) {
		for (unsigned i = 0; i < n; i++) {
			uint32_t v = port_read(port, size);
			memcpy(b + i * size, &v, size);
		}
		return;
	}
	if (is_data_port(port, size)) {
		/* LAB 11 BEGIN: a string read of the data port is one call to the model, whatever its length */
		/* LAB 11 STUB: lab_not_implemented("LAB 11: in_elements: the data port"); */
		ide_emul_read_data_block(&ide, buf, (size_t)n * size / 2);
		ide_words += (uint64_t)n * size / 2;
		return;
		/* LAB 11 END */
	}
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = 0; j < size; j++)
			b[i * size + j] = in_byte((uint16_t)(port + j));
}

static void
out_elements(uint16_t port, unsigned size, const void *buf, unsigned n)
{
	const uint8_t *b = buf;
	if (is_forwarded(port, size)) {
		for (unsigned i = 0; i < n; i++) {
			uint32_t v = 0;
			memcpy(&v, b + i * size, size);
			port_write(port, size, v);
		}
		return;
	}
	if (is_data_port(port, size)) {
		/* LAB 11 BEGIN: a string write of the data port is one call to the model, whatever its length */
		/* LAB 11 STUB: lab_not_implemented("LAB 11: out_elements: the data port"); */
		ide_emul_write_data_block(&ide, buf, (size_t)n * size / 2);
		ide_words += (uint64_t)n * size / 2;
		return;
		/* LAB 11 END */
	}
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = 0; j < size; j++)
			out_byte((uint16_t)(port + j), b[i * size + j]);
}

uint32_t
emulate_in(uint16_t port, unsigned size)
{
	count_exit(port, size);
	uint32_t v = 0;
	in_elements(port, size, &v, 1);
	return v;
}

void
emulate_out(uint16_t port, unsigned size, uint32_t value)
{
	count_exit(port, size);
	out_elements(port, size, &value, 1);
}

void
emulate_in_string(uint16_t port, unsigned size, void *buf, unsigned n)
{
	count_exit(port, size);
	in_elements(port, size, buf, n);
}

void
emulate_out_string(uint16_t port, unsigned size, const void *buf, unsigned n)
{
	count_exit(port, size);
	out_elements(port, size, buf, n);
}

bool
emulate_take_interrupt(uint8_t vector)
{
	for (int d = 0; d < 2; d++) {
		unsigned irq = irqs[d].irq;
		if (!is_owned(d) || vector != irq_vector(irq))
			continue;
		/* The CPU acknowledged it at the PIC on exit; end it there for IRQ
		 * irq alone, whatever else is in service for the OS (8259A OCW2). */
		if (irq >= 8) {
			outb(PIC2_CMD, (uint8_t)(OCW2_SPECIFIC_EOI | (irq - 8)));
			outb(PIC1_CMD, OCW2_SPECIFIC_EOI | PIC_CASCADE_IRQ);
		} else {
			outb(PIC1_CMD, (uint8_t)(OCW2_SPECIFIC_EOI | irq));
		}
		dev[d].irq_taken++;
		trace_irq(irq, vector, true);
		if (d == HV_DEV_STATS_UART)
			uart_pull();
		return true;
	}
	return false;
}

void
emulate_poll(void)
{
	if (is_owned(HV_DEV_STATS_UART)) {
		uart_drain();
		/* The real receive interrupt brings bytes in; polling too would race
		 * it (a line that falls before the acknowledge is a spurious IRQ 7),
		 * so poll only while the OS masks IRQ 4 and it cannot come. Two exits in a
		 * row with the line quiet (the timer makes one every 10 ms) are the
		 * model's character timeout. */
		if (is_masked(irqs[HV_DEV_STATS_UART].irq))
			uart_pull();
		else if (uart_hw_is_rx_ready())
			uart_quiet = 0;
		else if (++uart_quiet == 2)
			uart_emul_rx_idle(&uart);
	}
	if (dev[HV_DEV_STATS_IDE].owner == OWNER_WAITING)
		ide_try_take();
	update_irqs();
}

const struct hv_dev_stats *
emulate_stats(void)
{
	dev[HV_DEV_STATS_IDE].units = ide_words / IDE_EMUL_WORDS;
	return dev;
}
