/* ATA PIO driver for the primary master (ports 0x1F0-0x1F7, 0x3F6), LBA28.
 * Polled with bounded waits: a missing or broken disk gives an error, not a hang. */
#ifndef GUESTOS_IDE_H
#define GUESTOS_IDE_H

/* Probes the disk with IDENTIFY DEVICE, prints one [ide] line (model and size,
 * or why there is no disk) and, when a disk is there, registers it with dev_set_disk.
 * RETURNS: 0, -ENODEV (no ATA disk), -EIO or -ETIMEDOUT. */
int ide_init(void);

#endif
