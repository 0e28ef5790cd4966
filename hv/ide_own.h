/* The hypervisor's own driver of the real primary ATA disk while it emulates
 * the disk for the OS (hv/emulate.c): polled PIO with the device's interrupt
 * off (nIEN), one sector per call, behind the model's struct ide_disk_ops. */
#ifndef HV_IDE_OWN_H
#define HV_IDE_OWN_H

#include "hv/ide_emul.h"

/* The disk behind the model; ctx is unused (NULL). */
extern const struct ide_disk_ops ide_own_ops;

/* Reads the real device's registers between commands for ide_emul_seed
 * (control is the OS's last device-control value, which cannot be read).
 * RETURNS: 0; -EBUSY while a command runs (BSY or DRQ): let it finish. */
int ide_own_snapshot(struct ide_regs *regs, uint8_t control);

/* Takes the device for the hypervisor (nIEN set) and reads its IDENTIFY
 * DEVICE data. RETURNS: 0; -EIO when the disk does not answer. */
int ide_own_take(uint16_t identify[IDE_EMUL_WORDS]);

/* Gives the device back: task file and device control as regs says (status
 * and error cannot be written; see docs/devices.md). */
void ide_own_write(const struct ide_regs *regs);

#endif
