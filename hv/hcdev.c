/* Devices by hypercall. The OS hands a device over with HC_DEVICE_OWN and
 * from then on asks for whole operations: a buffer to the console, a disk
 * request. Guest memory is reached only through hv/mem.c, which refuses
 * the hypervisor's block, after hv/hypercall_args.c has checked every
 * address, length and count.
 *
 * The UART's interrupt: while we own COM1, its IRQ arrives here first (the
 * intr.c taker). Our driver moves the received bytes into rx_buf and passes the
 * vector on only when bytes wait: the OS's handler then fetches them with
 * HC_CONSOLE_READ and sends the PIC its EOI as usual. Otherwise we end the
 * interrupt at the PIC ourselves and the OS never sees it. The disk needs
 * no such care: both its drivers keep nIEN set, so it raises no interrupt. */
#include "hv/hcdev.h"
#include "hv/arch.h"
#include "hv/ata.h"
#include "hv/hypercall_args.h"
#include "hv/intr.h"
#include "hv/mem.h"
#include "hv/trace.h"
#include "hv/uart_hw.h"
#include "kernel/errno.h"
#include "kernel/x86.h"

#define HCDEV_COM1_IRQ 4	/* COM1's line on the PC's master 8259A */
#define HCDEV_PIC1_CMD 0x20
#define HCDEV_OCW2_SPECIFIC_EOI 0x60	/* 8259A OCW2: specific EOI, level in bits 2:0 */
#define HCDEV_RX_RING 4096

static struct hv_hcdev_stats st;
static uint8_t uart_vector;
/* Received bytes for the OS, oldest at rx_tail. kernel/ring.c is the OS's
 * (tests/image_contents.sh keeps it out of this image); these indexes run
 * free and wrap through the mask. */
static uint8_t rx_buf[HCDEV_RX_RING];
static uint64_t rx_head, rx_tail;
static uint8_t bounce[HV_DISK_MAX_SECTORS * HV_DISK_SECTOR];

/* Moves what the UART received into rx_buf (dropped when it is full). */
static void
hcdev_uart_poll(void)
{
	uint8_t c;
	while (uart_hw_getc_nonblock(&c) == 1)
		if (rx_head - rx_tail < HCDEV_RX_RING)
			rx_buf[rx_head++ % HCDEV_RX_RING] = c;
}

static bool
hcdev_rx_waiting(void)
{
	return rx_head != rx_tail;
}

/* RETURNS: true when the interrupt was ours and is over; false to pass
 * the vector on to the OS (intr_queue). */
static bool
hcdev_interrupt(uint8_t vector)
{
	if (!(st.owned & HV_DEV_UART) || vector != uart_vector)
		return false;
	st.uart_irqs_taken++;
	hcdev_uart_poll();
	bool forward = hcdev_rx_waiting();
	trace_device_irq(vector, forward);
	if (forward) {
		st.uart_irqs_forwarded++;
		return false;
	}
	outb(HCDEV_PIC1_CMD, HCDEV_OCW2_SPECIFIC_EOI | HCDEV_COM1_IRQ);
	return true;
}

void
hcdev_reset(void)
{
	st = (struct hv_hcdev_stats){ 0 };
	uart_vector = 0;
	rx_head = rx_tail = 0;
	intr_set_taker(hcdev_interrupt);
}

const struct hv_hcdev_stats *
hcdev_stats(void)
{
	return &st;
}

static int64_t
hcdev_refuse(int err)
{
	st.refused++;
	return err;
}

int64_t
hcdev_console_write(uint64_t va, uint64_t len)
{
	static uint8_t buf[HC_CONSOLE_MAX];
	int err = hypercall_check_console(va, len);
	if (!err && !(st.owned & HV_DEV_UART))
		err = trace_err(-EPERM);
	if (!err)
		err = mem_copy_from_guest(arch_guest_cr3(), buf, va, len);
	if (err)
		return hcdev_refuse(err);
	err = uart_hw_write(buf, len);
	if (err)
		return err;
	uart_hw_drain();
	st.console_out += len;
	return (int64_t)len;
}

int64_t
hcdev_console_read(uint64_t va, uint64_t len)
{
	static uint8_t buf[HC_CONSOLE_MAX];
	int err = hypercall_check_console(va, len);
	if (err)
		return hcdev_refuse(err);
	/* After HC_DEVICE_OWN gave the UART back, what rx_buf still holds is
	 * handed over without touching the device. */
	if (st.owned & HV_DEV_UART)
		hcdev_uart_poll();
	/* Nothing leaves rx_buf before the copy succeeded: peek, copy, then consume. */
	size_t n = 0;
	for (uint64_t t = rx_tail; n < len && t != rx_head; t++)
		buf[n++] = rx_buf[t % HCDEV_RX_RING];
	if (n == 0)
		return 0;
	err = mem_copy_to_guest(arch_guest_cr3(), va, buf, n);
	if (err)
		return hcdev_refuse(err);
	rx_tail += n;
	st.console_in += n;
	return (int64_t)n;
}

int64_t
hcdev_disk_io(uint64_t va)
{
	struct hv_disk_request req = { 0 };
	uint64_t cr3 = arch_guest_cr3();
	int err = hypercall_check_disk_va(va);
	if (!err && !(st.owned & HV_DEV_IDE))
		err = trace_err(-EPERM);
	if (!err)
		err = mem_copy_from_guest(cr3, &req, va, sizeof(req));
	if (!err)
		err = hypercall_check_disk(&req, ata_sectors());
	uint64_t len = (uint64_t)req.count * HV_DISK_SECTOR;
	/* A write takes the whole buffer in first: a bad page refuses the
	 * request before any sector changes. */
	if (!err && req.op == HV_DISK_WRITE)
		err = mem_copy_from_guest(cr3, bounce, req.buf, len);
	if (err)
		return hcdev_refuse(err);
	if (req.op == HV_DISK_WRITE) {
		err = ata_write((uint32_t)req.lba, req.count, bounce);
		if (!err)
			err = ata_flush();
	} else {
		err = ata_read((uint32_t)req.lba, req.count, bounce);
		if (!err && (err = mem_copy_to_guest(cr3, req.buf, bounce, len)))
			return hcdev_refuse(err);
	}
	if (err)
		return err;
	st.disk_requests++;
	st.disk_sectors += req.count;
	return 0;
}

int64_t
hcdev_own(uint64_t mask, uint64_t on, uint64_t vector)
{
	int err = hypercall_check_own(mask, on, vector);
	if (err)
		return hcdev_refuse(err);
	if ((mask & HV_DEV_IDE) && on && !(st.owned & HV_DEV_IDE)) {
		err = ata_identify();
		if (err)
			return err;
	}
	if (mask & HV_DEV_UART) {
		/* Either way the bytes received so far are ours to hand over: the
		 * OS drained the UART before taking, and after giving back reads rx_buf
		 * empty with HC_CONSOLE_READ before it reads the UART again. */
		hcdev_uart_poll();
		if (on)
			uart_vector = (uint8_t)vector;
	}
	st.owned = on ? st.owned | mask : st.owned & ~mask;
	return 0;
}
