/* ATA PIO, primary master, LBA28. The commands follow the ATA/ATAPI-6 protocols
 * "PIO data-in" (IDENTIFY DEVICE, READ SECTORS), "PIO data-out" (WRITE SECTORS)
 * and "Non-data" (FLUSH CACHE).
 *
 * Device interrupts stay off (nIEN): every wait polls the status register a
 * bounded number of times, so a disk that never answers gives -ETIMEDOUT and a
 * soft reset instead of a hang. One command at a time (dev_disk_claim). */
#include "guestos/dev/ide.h"
#include "guestos/dev/dev.h"
#include "kernel/ata.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

/* Status reads before a wait gives up. Emulated disks answer within a few
 * reads; this is seconds of polling on any machine we run on. */
#define IDE_POLL_LIMIT 4000000

static char ide_model_name[ATA_ID_MODEL_WORDS * 2 + 1];
static uint32_t ide_sector_count;

/* Four status reads take the 400 ns a device may need to show a valid status
 * after a command or device selection. */
static void
ide_delay_400ns(void)
{
	for (int i = 0; i < 4; i++)
		inb(ATA_ALT_STATUS);
}

static void
ide_report(const char *what, uint32_t lba, const char *problem, uint8_t status)
{
	if (status & (ATA_STATUS_ERR | ATA_STATUS_DF))
		kprintf("[ide] %s lba %u: %s, status 0x%02x error 0x%02x\n", what, lba, problem, status,
			inb(ATA_ERROR));
	else
		kprintf("[ide] %s lba %u: %s, status 0x%02x\n", what, lba, problem, status);
}

static void
ide_soft_reset(void)
{
	outb(ATA_CONTROL, ATA_CONTROL_NIEN | ATA_CONTROL_SRST);
	ide_delay_400ns();
	outb(ATA_CONTROL, ATA_CONTROL_NIEN);
	for (long i = 0; i < IDE_POLL_LIMIT && (inb(ATA_ALT_STATUS) & ATA_STATUS_BSY); i++)
		pause();
}

/* Polls `port` until BSY clears and all `want` bits are set. Before a command
 * (`errors` false) ERR and DF are ignored: they may still show the previous
 * command's error. RETURNS: 0; -EIO when `errors` and ERR or DF is set;
 * -ETIMEDOUT (after a soft reset). */
static int
ide_poll(uint16_t port, uint8_t want, bool errors, const char *what, uint32_t lba)
{
	uint8_t status = 0;
	for (long i = 0; i < IDE_POLL_LIMIT; i++) {
		status = inb(port);
		if (!(status & ATA_STATUS_BSY)) {
			if (errors && (status & (ATA_STATUS_ERR | ATA_STATUS_DF))) {
				ide_report(what, lba, "device error", status);
				return -EIO;
			}
			if ((status & want) == want)
				return 0;
		}
		pause();
	}
	ide_report(what, lba, "timeout", status);
	ide_soft_reset();
	return -ETIMEDOUT;
}

/* Before a command: BSY clear, read from the alternate status register so a
 * pending interrupt stays pending. */
static int
ide_wait_idle(const char *what, uint32_t lba)
{
	return ide_poll(ATA_ALT_STATUS, 0, false, what, lba);
}

/* After a command: BSY clear and the `want` bits set, errors reported. */
static int
ide_wait(uint8_t want, const char *what, uint32_t lba)
{
	return ide_poll(ATA_STATUS, want, true, what, lba);
}

/* Selects the master in LBA mode and loads the task file for one command. */
static int
ide_issue(uint8_t command, uint32_t lba, uint32_t count, const char *what)
{
	int err = ide_wait_idle(what, lba);
	if (err)
		return err;
	outb(ATA_DEVICE, ATA_DEVICE_MASTER | ATA_DEVICE_LBA | ((lba >> 24) & 0x0F));
	ide_delay_400ns();
	err = ide_wait_idle(what, lba);
	if (err)
		return err;
	outb(ATA_SECTOR_COUNT, (uint8_t)count);	/* 256 is written as 0 */
	outb(ATA_LBA_LOW, (uint8_t)lba);
	outb(ATA_LBA_MID, (uint8_t)(lba >> 8));
	outb(ATA_LBA_HIGH, (uint8_t)(lba >> 16));
	outb(ATA_COMMAND, command);
	ide_delay_400ns();
	return 0;
}

static int
ide_check_range(uint32_t lba, uint32_t count)
{
	if (count == 0 || (uint64_t)lba + count > ide_sector_count)
		return -EINVAL;
	return 0;
}

static int
ide_read_chunk(uint32_t lba, uint32_t count, uint8_t *buf)
{
	int err = ide_issue(ATA_CMD_READ_SECTORS, lba, count, "read");
	for (uint32_t i = 0; !err && i < count; i++) {
		err = ide_wait(ATA_STATUS_DRQ, "read", lba + i);
		if (!err)
			insw(ATA_DATA, buf + (size_t)i * SECTOR_SIZE, SECTOR_SIZE / 2);
		ide_delay_400ns();
	}
	return err;
}

static int
ide_write_chunk(uint32_t lba, uint32_t count, const uint8_t *buf)
{
	int err = ide_issue(ATA_CMD_WRITE_SECTORS, lba, count, "write");
	for (uint32_t i = 0; !err && i < count; i++) {
		/* The drive writes sector i - 1 before asking for sector i: an error seen here is its. */
		err = ide_wait(ATA_STATUS_DRQ, "write", i ? lba + i - 1 : lba);
		if (!err)
			outsw(ATA_DATA, buf + (size_t)i * SECTOR_SIZE, SECTOR_SIZE / 2);
		ide_delay_400ns();
	}
	/* The last sector is on the disk (or its cache) when BSY clears again. */
	return err ? err : ide_wait(0, "write", lba + count - 1);
}

static int
ide_read(uint32_t lba, uint32_t count, void *buf)
{
	int err = ide_check_range(lba, count);
	if (err)
		return err;
	dev_disk_claim();
	for (uint32_t done = 0; !err && done < count; done += ATA_MAX_PER_COMMAND) {
		uint32_t n = count - done < ATA_MAX_PER_COMMAND ? count - done : ATA_MAX_PER_COMMAND;
		err = ide_read_chunk(lba + done, n, (uint8_t *)buf + (size_t)done * SECTOR_SIZE);
	}
	dev_disk_release();
	return err;
}

static int
ide_write(uint32_t lba, uint32_t count, const void *buf)
{
	int err = ide_check_range(lba, count);
	if (err)
		return err;
	dev_disk_claim();
	for (uint32_t done = 0; !err && done < count; done += ATA_MAX_PER_COMMAND) {
		uint32_t n = count - done < ATA_MAX_PER_COMMAND ? count - done : ATA_MAX_PER_COMMAND;
		err = ide_write_chunk(lba + done, n, (const uint8_t *)buf + (size_t)done * SECTOR_SIZE);
	}
	/* Written data is only durable once the drive's write cache is flushed. */
	if (!err)
		err = ide_issue(ATA_CMD_FLUSH_CACHE, 0, 0, "flush");
	if (!err)
		err = ide_wait(0, "flush", lba);
	dev_disk_release();
	return err;
}

static uint32_t
ide_sectors(void)
{
	return ide_sector_count;
}

static const char *
ide_model(void)
{
	return ide_model_name;
}

static const struct blockdev_ops ide_ops = {
	.name = "ide",
	.read = ide_read,
	.write = ide_write,
	.sectors = ide_sectors,
	.model = ide_model,
};

static void
ide_copy_model(const uint16_t *id)
{
	size_t len = 0;
	for (int w = 0; w < ATA_ID_MODEL_WORDS; w++) {
		ide_model_name[len++] = (char)(id[ATA_ID_MODEL + w] >> 8);
		ide_model_name[len++] = (char)(id[ATA_ID_MODEL + w] & 0xFF);
	}
	while (len > 0 && ide_model_name[len - 1] == ' ')
		len--;
	ide_model_name[len] = '\0';
}

/* RETURNS: 0 with the IDENTIFY data in id; -ENODEV when no ATA disk answers. */
static int
ide_identify(uint16_t id[256])
{
	outb(ATA_CONTROL, ATA_CONTROL_NIEN);
	/* A floating bus reads all ones: no controller at these ports. */
	if (inb(ATA_STATUS) == 0xFF) {
		kprintf("[ide] no controller at 0x1F0\n");
		return -ENODEV;
	}
	outb(ATA_DEVICE, ATA_DEVICE_MASTER);
	ide_delay_400ns();
	outb(ATA_SECTOR_COUNT, 0);
	outb(ATA_LBA_LOW, 0);
	outb(ATA_LBA_MID, 0);
	outb(ATA_LBA_HIGH, 0);
	outb(ATA_COMMAND, ATA_CMD_IDENTIFY_DEVICE);
	ide_delay_400ns();
	if (inb(ATA_STATUS) == 0) {
		kprintf("[ide] no disk on the primary master\n");
		return -ENODEV;
	}
	int err = ide_wait_idle("identify", 0);
	if (err)
		return err;
	/* A packet (ATAPI) or SATA device aborts IDENTIFY DEVICE and leaves its
	 * signature in the LBA mid/high registers. */
	if (inb(ATA_LBA_MID) || inb(ATA_LBA_HIGH)) {
		kprintf("[ide] the primary master is not an ATA disk\n");
		return -ENODEV;
	}
	err = ide_wait(ATA_STATUS_DRQ, "identify", 0);
	if (err)
		return err;
	insw(ATA_DATA, id, 256);
	return 0;
}

int
ide_init(void)
{
	static uint16_t id[256];
	int err = ide_identify(id);
	if (err)
		return err;
	uint32_t sectors = id[ATA_ID_LBA28_SECTORS] | (uint32_t)id[ATA_ID_LBA28_SECTORS + 1] << 16;
	if (sectors == 0 || sectors > ATA_LBA28_LIMIT) {
		kprintf("[ide] the disk reports %u LBA28 sectors; not used\n", sectors);
		return -ENODEV;
	}
	ide_copy_model(id);
	ide_sector_count = sectors;
	kprintf("[ide] primary master: \"%s\", %u sectors (%u MiB)\n", ide_model_name, sectors,
		sectors / 2048);
	dev_set_disk(&ide_ops);
	return 0;
}
