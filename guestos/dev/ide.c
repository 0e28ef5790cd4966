/* The OS's disk driver: the primary master through the shared ATA PIO
 * protocol (kernel/ata_pio.h: polled, nIEN, bounded waits), registered as
 * the OS's disk. It splits requests into commands of at most 256 sectors,
 * flushes the drive's cache after a write, serializes with dev_disk_claim,
 * and prints one [ide] line for each failure. */
#include "guestos/dev/ide.h"
#include "guestos/dev/dev.h"
#include "kernel/ata_pio.h"
#include "kernel/console.h"
#include "kernel/errno.h"

static char ide_model_name[ATA_ID_MODEL_WORDS * 2 + 1];
static uint32_t ide_sector_count;

/* One line for the failure kernel/ata_pio.c recorded: the status, and the
 * error register when the device reported an error. RETURNS: err. */
static int
ide_report(int err, const char *what, uint32_t lba)
{
	const struct ata_pio_failure *f = ata_pio_failure();
	if (f->status & (ATA_STATUS_ERR | ATA_STATUS_DF))
		kprintf("[ide] %s lba %u: %s, status 0x%02x error 0x%02x\n", what, lba, f->problem, f->status,
			f->error);
	else
		kprintf("[ide] %s lba %u: %s, status 0x%02x\n", what, lba, f->problem, f->status);
	return err;
}

static int
ide_check_range(uint32_t lba, uint32_t count)
{
	if (count == 0 || (uint64_t)lba + count > ide_sector_count)
		return -EINVAL;
	return 0;
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
		err = ata_pio_read(lba + done, n, (uint8_t *)buf + (size_t)done * SECTOR_SIZE);
		if (err)
			ide_report(err, "read", ata_pio_failure()->lba);
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
		err = ata_pio_write(lba + done, n, (const uint8_t *)buf + (size_t)done * SECTOR_SIZE);
		if (err)
			ide_report(err, "write", ata_pio_failure()->lba);
	}
	/* Written data is only durable once the drive's write cache is flushed. */
	if (!err && (err = ata_pio_flush()))
		ide_report(err, "flush", lba);
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

/* The model string of IDENTIFY data: two characters per word, high byte
 * first, padded with spaces (ATA/ATAPI-6 "IDENTIFY DEVICE", words 27-46). */
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

int
ide_init(void)
{
	static uint16_t id[ATA_ID_WORDS];
	int err = ata_pio_identify(id);
	if (err == -ENODEV) {
		kprintf("[ide] %s\n", ata_pio_failure()->problem);
		return err;
	}
	if (err)
		return ide_report(err, "identify", 0);
	uint32_t sectors = ata_pio_lba28_sectors(id);
	if (sectors == 0) {
		kprintf("[ide] the disk gives no LBA28 size this driver can use; not used\n");
		return -ENODEV;
	}
	ide_copy_model(id);
	ide_sector_count = sectors;
	kprintf("[ide] primary master: \"%s\", %u sectors (%u MiB)\n", ide_model_name, sectors,
		sectors / 2048);
	dev_set_disk(&ide_ops);
	return 0;
}
