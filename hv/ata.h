/* The hypervisor's one driver of the real disk: ATA PIO (kernel/ata_pio.h) on the primary
 * master (ports 0x1F0-0x1F7, 0x3F6), LBA28, polled with bounded waits and
 * the device's interrupt off (nIEN), so the disk raises no interrupt while
 * the hypervisor owns it. Used by HC_DISK_IO (hv/hcdev.c) and behind the
 * emulated IDE (hv/ide_handover.c). One command at a time: callers run
 * inside an exit, where nothing else runs. */
#ifndef HV_ATA_H
#define HV_ATA_H

#include <stdint.h>
#include "kernel/ata.h"

/* Probes the primary master with IDENTIFY DEVICE and remembers its size.
 * RETURNS: 0; -ENODEV (no ATA disk there), -EIO or -ETIMEDOUT. */
int ata_identify(void);

/* RETURNS: the disk's LBA28 capacity in sectors found by ata_identify (0 before, or without a disk). */
uint32_t ata_sectors(void);

/* RETURNS: the IDENTIFY DEVICE data read by the last successful
 * ata_identify (for a model that answers IDENTIFY as this disk would). */
const uint16_t *ata_id_words(void);

/* Transfers count (1..ATA_MAX_PER_COMMAND) sectors at lba to or from buf.
 * RETURNS: 0; -EINVAL (count out of range or beyond the disk), -ENODEV (no
 * disk identified), -EIO (the device reported an error) or -ETIMEDOUT
 * (it never answered; it was soft-reset). */
int ata_read(uint32_t lba, uint32_t count, void *buf);
int ata_write(uint32_t lba, uint32_t count, const void *buf);

/* Empties the drive's write cache, so written sectors survive power-off.
 * RETURNS: 0, -ENODEV, -EIO or -ETIMEDOUT. */
int ata_flush(void);

#endif
