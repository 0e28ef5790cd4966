/* ATA PIO on the primary master (kernel/ata_pio.h): the protocols of
 * ATA/ATAPI-6, "PIO data-in command protocol", "PIO data-out command
 * protocol" and "Non-data command protocol", with bounded polling. */
#include "kernel/ata_pio.h"
#include <stdbool.h>
#include "kernel/errno.h"
#include "kernel/x86.h"

/* Status reads before a wait gives up. Emulated disks answer within a few
 * reads; this is seconds of polling on any machine we run on. */
#define ATA_PIO_POLL_LIMIT 4000000

static struct ata_pio_failure failure;

static int
ata_pio_fail(int err, const char *problem, uint32_t lba, uint8_t status)
{
	failure.problem = problem;
	failure.lba = lba;
	failure.status = status;
	failure.error = status & (ATA_STATUS_ERR | ATA_STATUS_DF) ? inb(ATA_ERROR) : 0;
	return err;
}

const struct ata_pio_failure *
ata_pio_failure(void)
{
	return &failure;
}

/* Four status reads take the 400 ns a device may need to show a valid
 * status after a command or a device selection ("Device selection protocol"). */
static void
ata_pio_delay_400ns(void)
{
	for (int i = 0; i < 4; i++)
		inb(ATA_ALT_STATUS);
}

static void
ata_pio_soft_reset(void)
{
	outb(ATA_CONTROL, ATA_CONTROL_NIEN | ATA_CONTROL_SRST);
	ata_pio_delay_400ns();
	outb(ATA_CONTROL, ATA_CONTROL_NIEN);
	for (long i = 0; i < ATA_PIO_POLL_LIMIT && (inb(ATA_ALT_STATUS) & ATA_STATUS_BSY); i++)
		pause();
}

/* Polls until BSY clears and all `want` bits are set. Before a command
 * (`errors` false) ERR and DF are ignored: they may still show the previous
 * command's error, and the alternate status is read so that a pending
 * interrupt stays pending. lba is what a failure concerns.
 * RETURNS: 0; -EIO when `errors` and ERR or DF is set; -ETIMEDOUT (after a soft reset). */
static int
ata_pio_wait(uint8_t want, bool errors, uint32_t lba)
{
	uint8_t status = 0;
	for (long i = 0; i < ATA_PIO_POLL_LIMIT; i++) {
		status = inb(errors ? ATA_STATUS : ATA_ALT_STATUS);
		if (!(status & ATA_STATUS_BSY)) {
			if (errors && (status & (ATA_STATUS_ERR | ATA_STATUS_DF)))
				return ata_pio_fail(-EIO, "device error", lba, status);
			if ((status & want) == want)
				return 0;
		}
		pause();
	}
	ata_pio_fail(-ETIMEDOUT, "timeout", lba, status);
	ata_pio_soft_reset();
	return -ETIMEDOUT;
}

/* Selects the master in LBA mode and loads the task file for one command. */
static int
ata_pio_issue(uint8_t command, uint32_t lba, uint32_t count)
{
	int err = ata_pio_wait(0, false, lba);
	if (err)
		return err;
	outb(ATA_CONTROL, ATA_CONTROL_NIEN);
	outb(ATA_DEVICE, ATA_DEVICE_MASTER | ATA_DEVICE_LBA | ((lba >> 24) & 0x0F));
	ata_pio_delay_400ns();
	err = ata_pio_wait(0, false, lba);
	if (err)
		return err;
	outb(ATA_SECTOR_COUNT, (uint8_t)count);	/* 256 is written as 0 */
	outb(ATA_LBA_LOW, (uint8_t)lba);
	outb(ATA_LBA_MID, (uint8_t)(lba >> 8));
	outb(ATA_LBA_HIGH, (uint8_t)(lba >> 16));
	outb(ATA_COMMAND, command);
	ata_pio_delay_400ns();
	return 0;
}

int
ata_pio_identify(uint16_t id[ATA_ID_WORDS])
{
	outb(ATA_CONTROL, ATA_CONTROL_NIEN);
	/* A floating bus reads all ones: no controller at these ports. */
	uint8_t status = inb(ATA_STATUS);
	if (status == 0xFF)
		return ata_pio_fail(-ENODEV, "no controller at 0x1F0", 0, status);
	outb(ATA_DEVICE, ATA_DEVICE_MASTER);
	ata_pio_delay_400ns();
	outb(ATA_SECTOR_COUNT, 0);
	outb(ATA_LBA_LOW, 0);
	outb(ATA_LBA_MID, 0);
	outb(ATA_LBA_HIGH, 0);
	outb(ATA_COMMAND, ATA_CMD_IDENTIFY_DEVICE);
	ata_pio_delay_400ns();
	status = inb(ATA_STATUS);
	if (status == 0)
		return ata_pio_fail(-ENODEV, "no disk on the primary master", 0, status);
	int err = ata_pio_wait(0, false, 0);
	if (err)
		return err;
	/* A packet (ATAPI) or SATA device aborts IDENTIFY DEVICE and leaves its
	 * signature in the LBA mid/high registers. */
	if (inb(ATA_LBA_MID) || inb(ATA_LBA_HIGH))
		return ata_pio_fail(-ENODEV, "the primary master is not an ATA disk", 0, inb(ATA_ALT_STATUS));
	err = ata_pio_wait(ATA_STATUS_DRQ, true, 0);
	if (err)
		return err;
	insw(ATA_DATA, id, ATA_ID_WORDS);
	return 0;
}

uint32_t
ata_pio_lba28_sectors(const uint16_t id[ATA_ID_WORDS])
{
	uint32_t sectors = id[ATA_ID_LBA28_SECTORS] | (uint32_t)id[ATA_ID_LBA28_SECTORS + 1] << 16;
	return sectors > ATA_LBA28_LIMIT ? 0 : sectors;
}

int
ata_pio_read(uint32_t lba, uint32_t count, void *buf)
{
	int err = ata_pio_issue(ATA_CMD_READ_SECTORS, lba, count);
	for (uint32_t i = 0; !err && i < count; i++) {
		err = ata_pio_wait(ATA_STATUS_DRQ, true, lba + i);
		if (!err)
			insw(ATA_DATA, (uint8_t *)buf + (uint64_t)i * ATA_SECTOR_SIZE, ATA_SECTOR_SIZE / 2);
		ata_pio_delay_400ns();
	}
	return err;
}

int
ata_pio_write(uint32_t lba, uint32_t count, const void *buf)
{
	int err = ata_pio_issue(ATA_CMD_WRITE_SECTORS, lba, count);
	for (uint32_t i = 0; !err && i < count; i++) {
		/* The drive writes sector i - 1 before asking for sector i: an error seen here is its. */
		err = ata_pio_wait(ATA_STATUS_DRQ, true, i ? lba + i - 1 : lba);
		if (!err)
			outsw(ATA_DATA, (const uint8_t *)buf + (uint64_t)i * ATA_SECTOR_SIZE, ATA_SECTOR_SIZE / 2);
		ata_pio_delay_400ns();
	}
	/* The last sector is on the disk (or its cache) when BSY clears again. */
	return err ? err : ata_pio_wait(0, true, lba + count - 1);
}

int
ata_pio_flush(void)
{
	int err = ata_pio_issue(ATA_CMD_FLUSH_CACHE, 0, 0);
	return err ? err : ata_pio_wait(0, true, 0);
}
