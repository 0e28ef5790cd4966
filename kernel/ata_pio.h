/* ATA PIO on the primary master, LBA28: the ATA/ATAPI-6 protocols "PIO
 * data-in" (IDENTIFY DEVICE, READ SECTORS), "PIO data-out" (WRITE SECTORS)
 * and "Non-data" (FLUSH CACHE), polled with bounded waits and the device's
 * interrupt off (nIEN), so a disk that never answers gives -ETIMEDOUT and a
 * soft reset instead of a hang. The one copy of the protocol behind both the
 * OS's driver (guestos/dev/ide.c) and the hypervisor's (hv/ata.c). One
 * command at a time: the caller serializes. Nothing is printed; a caller
 * that reports reads ata_pio_failure() after an error. */
#ifndef KERNEL_ATA_PIO_H
#define KERNEL_ATA_PIO_H

#include <stdint.h>
#include "kernel/ata.h"

/* What the last failed call met. */
struct ata_pio_failure {
	const char *problem;	/* "timeout", "device error", "no disk on the primary master", ... */
	uint32_t lba;		/* the sector it concerns (0 for IDENTIFY and FLUSH CACHE) */
	uint8_t status;		/* the status register then */
	uint8_t error;		/* the error register, when status has ERR or DF */
};

/* IDENTIFY DEVICE into id.
 * RETURNS: 0; -ENODEV when no ATA disk answers (no controller, no disk, or
 * a packet device); -EIO or -ETIMEDOUT. */
int ata_pio_identify(uint16_t id[ATA_ID_WORDS]);

/* RETURNS: the LBA28 capacity in IDENTIFY data id; 0 when it gives none
 * this driver can use (none, or more than 28 bits of LBA). */
uint32_t ata_pio_lba28_sectors(const uint16_t id[ATA_ID_WORDS]);

/* READ SECTORS / WRITE SECTORS of count (1-ATA_MAX_PER_COMMAND) sectors at
 * lba, which the caller checked against the disk's size; a write returns
 * once the drive took the last sector (its cache may still hold it).
 * RETURNS: 0, -EIO (ERR or DF) or -ETIMEDOUT. */
int ata_pio_read(uint32_t lba, uint32_t count, void *buf);
int ata_pio_write(uint32_t lba, uint32_t count, const void *buf);

/* FLUSH CACHE: what was written is on the medium. RETURNS: as ata_pio_read. */
int ata_pio_flush(void);

/* RETURNS: what the last call that failed met. */
const struct ata_pio_failure *ata_pio_failure(void);

#endif
