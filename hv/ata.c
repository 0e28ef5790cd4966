/* ATA PIO for the hypervisor. The protocols are ATA/ATAPI-6 "PIO data-in"
 * (IDENTIFY DEVICE, READ SECTORS), "PIO data-out" (WRITE SECTORS) and
 * "Non-data" (FLUSH CACHE), as in the OS's driver (guestos/dev/ide.c); this
 * one is silent (errors go through trace_err) and never prints, because it
 * runs inside exits. */
#include "hv/ata.h"
#include <stdbool.h>
#include "hv/trace.h"
#include "kernel/ata.h"
#include "kernel/errno.h"
#include "kernel/x86.h"

/* Status reads before a wait gives up: seconds on any machine we run on. */
#define ATA_POLL_LIMIT 4000000

static uint32_t ata_sector_count;
static uint16_t ata_id[ATA_ID_WORDS];

/* Four status reads take the 400 ns a device may need to show a valid
 * status after a command or a device selection. */
static void
ata_delay_400ns(void)
{
	for (int i = 0; i < 4; i++)
		inb(ATA_ALT_STATUS);
}

static void
ata_soft_reset(void)
{
	outb(ATA_CONTROL, ATA_CONTROL_NIEN | ATA_CONTROL_SRST);
	ata_delay_400ns();
	outb(ATA_CONTROL, ATA_CONTROL_NIEN);
	for (long i = 0; i < ATA_POLL_LIMIT && (inb(ATA_ALT_STATUS) & ATA_STATUS_BSY); i++)
		pause();
}

/* Waits until BSY clears and all `want` bits are set; with check_error,
 * ERR or DF end the wait (before a command they may still show the previous
 * command's error, so then they are ignored).
 * RETURNS: 0, -EIO, or -ETIMEDOUT after a soft reset. */
static int
ata_wait(uint8_t want, bool check_error)
{
	for (long i = 0; i < ATA_POLL_LIMIT; i++) {
		uint8_t status = inb(check_error ? ATA_STATUS : ATA_ALT_STATUS);
		if (!(status & ATA_STATUS_BSY)) {
			if (check_error && (status & (ATA_STATUS_ERR | ATA_STATUS_DF)))
				return trace_err(-EIO);
			if ((status & want) == want)
				return 0;
		}
		pause();
	}
	ata_soft_reset();
	return trace_err(-ETIMEDOUT);
}

static int
ata_issue(uint8_t command, uint32_t lba, uint32_t count)
{
	int err = ata_wait(0, false);
	if (err)
		return err;
	outb(ATA_CONTROL, ATA_CONTROL_NIEN);
	outb(ATA_DEVICE, ATA_DEVICE_MASTER | ATA_DEVICE_LBA | ((lba >> 24) & 0x0F));
	ata_delay_400ns();
	err = ata_wait(0, false);
	if (err)
		return err;
	outb(ATA_SECTOR_COUNT, (uint8_t)count);	/* 256 is written as 0 */
	outb(ATA_LBA_LOW, (uint8_t)lba);
	outb(ATA_LBA_MID, (uint8_t)(lba >> 8));
	outb(ATA_LBA_HIGH, (uint8_t)(lba >> 16));
	outb(ATA_COMMAND, command);
	ata_delay_400ns();
	return 0;
}

static int
ata_check(uint32_t lba, uint32_t count)
{
	if (ata_sector_count == 0)
		return trace_err(-ENODEV);
	if (count == 0 || count > ATA_MAX_PER_COMMAND || (uint64_t)lba + count > ata_sector_count)
		return trace_err(-EINVAL);
	return 0;
}

int
ata_identify(void)
{
	ata_sector_count = 0;
	outb(ATA_CONTROL, ATA_CONTROL_NIEN);
	/* A floating bus reads all ones: no controller at these ports. */
	if (inb(ATA_STATUS) == 0xFF)
		return trace_err(-ENODEV);
	outb(ATA_DEVICE, ATA_DEVICE_MASTER);
	ata_delay_400ns();
	outb(ATA_SECTOR_COUNT, 0);
	outb(ATA_LBA_LOW, 0);
	outb(ATA_LBA_MID, 0);
	outb(ATA_LBA_HIGH, 0);
	outb(ATA_COMMAND, ATA_CMD_IDENTIFY_DEVICE);
	ata_delay_400ns();
	if (inb(ATA_STATUS) == 0)
		return trace_err(-ENODEV);
	int err = ata_wait(0, false);
	if (err)
		return err;
	/* A packet (ATAPI) or SATA device aborts IDENTIFY DEVICE and leaves
	 * its signature in the LBA mid/high registers. */
	if (inb(ATA_LBA_MID) || inb(ATA_LBA_HIGH))
		return trace_err(-ENODEV);
	err = ata_wait(ATA_STATUS_DRQ, true);
	if (err)
		return err;
	insw(ATA_DATA, ata_id, ATA_ID_WORDS);
	uint32_t sectors = ata_id[ATA_ID_LBA28_SECTORS] | (uint32_t)ata_id[ATA_ID_LBA28_SECTORS + 1] << 16;
	if (sectors == 0 || sectors > ATA_LBA28_LIMIT)
		return trace_err(-ENODEV);
	ata_sector_count = sectors;
	return 0;
}

uint32_t
ata_sectors(void)
{
	return ata_sector_count;
}

const uint16_t *
ata_id_words(void)
{
	return ata_id;
}

int
ata_read(uint32_t lba, uint32_t count, void *buf)
{
	int err = ata_check(lba, count);
	if (!err)
		err = ata_issue(ATA_CMD_READ_SECTORS, lba, count);
	for (uint32_t i = 0; !err && i < count; i++) {
		err = ata_wait(ATA_STATUS_DRQ, true);
		if (!err)
			insw(ATA_DATA, (uint8_t *)buf + (uint64_t)i * ATA_SECTOR_SIZE, ATA_SECTOR_SIZE / 2);
		ata_delay_400ns();
	}
	return err;
}

int
ata_write(uint32_t lba, uint32_t count, const void *buf)
{
	int err = ata_check(lba, count);
	if (!err)
		err = ata_issue(ATA_CMD_WRITE_SECTORS, lba, count);
	for (uint32_t i = 0; !err && i < count; i++) {
		err = ata_wait(ATA_STATUS_DRQ, true);
		if (!err)
			outsw(ATA_DATA, (const uint8_t *)buf + (uint64_t)i * ATA_SECTOR_SIZE, ATA_SECTOR_SIZE / 2);
		ata_delay_400ns();
	}
	/* The last sector is on the disk (or its cache) when BSY clears again. */
	return err ? err : ata_wait(0, true);
}

int
ata_flush(void)
{
	if (ata_sector_count == 0)
		return trace_err(-ENODEV);
	int err = ata_issue(ATA_CMD_FLUSH_CACHE, 0, 0);
	return err ? err : ata_wait(0, true);
}
