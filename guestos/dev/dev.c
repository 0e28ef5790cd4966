/* The current console and disk. kprintf reaches the console through a sink
 * that looks the driver up on every write, so switching drivers switches it too. */
#include "guestos/dev/dev.h"
#include "guestos/cpu/irq.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/panic.h"

static int
no_disk_read(uint32_t lba, uint32_t count, void *buf)
{
	(void)lba, (void)count, (void)buf;
	return -ENODEV;
}

static int
no_disk_write(uint32_t lba, uint32_t count, const void *buf)
{
	(void)lba, (void)count, (void)buf;
	return -ENODEV;
}

static uint32_t
no_disk_sectors(void)
{
	return 0;
}

static const char *
no_disk_model(void)
{
	return "";
}

static const struct blockdev_ops no_disk = {
	.name = "none",
	.read = no_disk_read,
	.write = no_disk_write,
	.sectors = no_disk_sectors,
	.model = no_disk_model,
};

static const struct chardev_ops *console_ops;
static const struct blockdev_ops *disk_ops = &no_disk;

static void
console_sink_write(const char *s, size_t n)
{
	console_ops->write(s, n);
}

static void
console_sink_flush(void)
{
	console_ops->flush();
}

static const struct console_sink dev_console_sink = { console_sink_write, console_sink_flush };

void
dev_set_console(const struct chardev_ops *ops)
{
	ASSERT(ops);
	console_ops = ops;
	console_set_sink(&dev_console_sink);
}

void
dev_set_disk(const struct blockdev_ops *ops)
{
	disk_ops = ops ? ops : &no_disk;
}

const struct chardev_ops *
dev_console(void)
{
	return console_ops;
}

const struct blockdev_ops *
dev_disk(void)
{
	return disk_ops;
}

char
dev_console_getc(void)
{
	char c;
	ASSERT(console_ops);
	/* Check and sleep with interrupts off: irq_idle's STI;HLT then cannot miss
	 * an interrupt that arrives between an empty read and the HLT. */
	uint64_t flags = irq_save();
	while (console_ops->read(&c, 1) != 1)
		irq_idle();
	irq_restore(flags);
	return c;
}

static volatile int disk_in_use;

void
dev_disk_claim(void)
{
	uint64_t flags = irq_save();
	while (disk_in_use)
		irq_idle();
	disk_in_use = 1;
	irq_restore(flags);
}

void
dev_disk_release(void)
{
	disk_in_use = 0;
}
