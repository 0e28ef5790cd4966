/* Handing the real primary ATA disk over between the OS and the IDE model
 * while the hypervisor emulates it (hv/emulate.c): the task file read for
 * the model's seed, the device taken, the model's registers written back
 * when emulation stops; and the model's disk backend. Every command the
 * device runs goes through the one disk driver, hv/ata.c. */
#ifndef HV_IDE_HANDOVER_H
#define HV_IDE_HANDOVER_H

#include "hv/ide_emul.h"

/* The disk behind the model, one sector per call on ata_read, ata_write
 * and ata_flush; ctx is unused (NULL). */
extern const struct ide_disk_ops ide_handover_disk;

/* Reads the real device's registers between commands for ide_emul_seed
 * (control is the OS's last device-control value, which cannot be read).
 * RETURNS: 0; -EBUSY while a command runs (BSY or DRQ): let it finish. */
int ide_handover_snapshot(struct ide_regs *regs, uint8_t control);

/* Takes the device for the hypervisor (nIEN set) and copies its IDENTIFY
 * DEVICE data. RETURNS: 0; -ENODEV, -EIO or -ETIMEDOUT (ata_identify). */
int ide_handover_take(uint16_t identify[IDE_EMUL_WORDS]);

/* Gives the device back: task file and device control as regs says (status
 * and error cannot be written; see docs/devices.md). */
void ide_handover_write(const struct ide_regs *regs);

#endif
