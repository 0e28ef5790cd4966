/* The real disk handed between the OS and the IDE model. The snapshot and
 * the write-back touch only the task file (ATA/ATAPI-6 "Command Block
 * registers" and "Control Block registers"); the commands themselves,
 * IDENTIFY DEVICE included, are hv/ata.c's, polled with nIEN set so the
 * device never raises IRQ 14 while the hypervisor owns it. */
#include "hv/ide_handover.h"
#include "kernel/string.h"
#include "hv/ata.h"
#include "kernel/errno.h"
#include "kernel/x86.h"

_Static_assert(IDE_EMUL_WORDS == ATA_ID_WORDS, "the model answers IDENTIFY with the disk's words");

static int
ide_handover_read(void *ctx, uint32_t lba, void *sector)
{
	(void)ctx;
	return ata_read(lba, 1, sector);
}

static int
ide_handover_write_sector(void *ctx, uint32_t lba, const void *sector)
{
	(void)ctx;
	return ata_write(lba, 1, sector);
}

static int
ide_handover_flush(void *ctx)
{
	(void)ctx;
	return ata_flush();
}

const struct ide_disk_ops ide_handover_disk = {
	.read = ide_handover_read,
	.write = ide_handover_write_sector,
	.flush = ide_handover_flush,
};

int
ide_handover_snapshot(struct ide_regs *regs, uint8_t control)
{
	uint8_t status = inb(ATA_ALT_STATUS);
	if (status & (ATA_STATUS_BSY | ATA_STATUS_DRQ))
		return -EBUSY;
	regs->status = status;
	regs->error = inb(ATA_ERROR);
	regs->features = 0;
	regs->sector_count = inb(ATA_SECTOR_COUNT);
	regs->lba_low = inb(ATA_LBA_LOW);
	regs->lba_mid = inb(ATA_LBA_MID);
	regs->lba_high = inb(ATA_LBA_HIGH);
	regs->device = inb(ATA_DEVICE);
	regs->control = control;
	regs->irq_pending = false;
	return 0;
}

int
ide_handover_take(uint16_t identify[IDE_EMUL_WORDS])
{
	int err = ata_identify();
	if (err)
		return err;
	memcpy(identify, ata_id_words(), ATA_ID_WORDS * sizeof(uint16_t));
	return 0;
}

void
ide_handover_write(const struct ide_regs *regs)
{
	outb(ATA_DEVICE, regs->device);
	outb(ATA_ERROR, regs->features);
	outb(ATA_SECTOR_COUNT, regs->sector_count);
	outb(ATA_LBA_LOW, regs->lba_low);
	outb(ATA_LBA_MID, regs->lba_mid);
	outb(ATA_LBA_HIGH, regs->lba_high);
	outb(ATA_CONTROL, regs->control);
}
