/* The real disk under the hypervisor: the protocols of ATA/ATAPI-6 "PIO
 * data-in" (IDENTIFY DEVICE, READ SECTORS), "PIO data-out" (WRITE SECTORS)
 * and "Non-data" (FLUSH CACHE), polled with nIEN set, so the device never
 * raises IRQ 14 while the hypervisor owns it. */
#include "hv/ide_own.h"
#include "hv/trace.h"
#include "kernel/errno.h"
#include "kernel/x86.h"

#define PORT_DATA 0x1F0
#define PORT_ERROR 0x1F1
#define PORT_COUNT 0x1F2
#define PORT_LBA_LOW 0x1F3
#define PORT_LBA_MID 0x1F4
#define PORT_LBA_HIGH 0x1F5
#define PORT_DEVICE 0x1F6
#define PORT_STATUS 0x1F7
#define PORT_CONTROL 0x3F6	/* alternate status on read */

#define ST_ERR 0x01
#define ST_DRQ 0x08
#define ST_DF 0x20
#define ST_BSY 0x80
#define CTL_NIEN 0x02
#define DEV_LBA_MASTER 0xE0
#define CMD_READ 0x20
#define CMD_WRITE 0x30
#define CMD_FLUSH 0xE7
#define CMD_IDENTIFY 0xEC
#define POLL_LIMIT 4000000

/* RETURNS: 0 once BSY is clear and the `want` bits are set; -EIO on ERR/DF
 * or when the device never gets there. */
static int
ide_own_wait(uint8_t want)
{
	for (long i = 0; i < POLL_LIMIT; i++) {
		uint8_t s = inb(PORT_STATUS);
		if (s & ST_BSY) {
			pause();
			continue;
		}
		if (s & (ST_ERR | ST_DF))
			return trace_err(-EIO);
		if ((s & want) == want)
			return 0;
	}
	return trace_err(-EIO);
}

static int
ide_own_issue(uint8_t command, uint32_t lba)
{
	int err = ide_own_wait(0);
	if (err && (inb(PORT_STATUS) & ST_BSY))
		return err;
	outb(PORT_DEVICE, (uint8_t)(DEV_LBA_MASTER | ((lba >> 24) & 0x0F)));
	outb(PORT_COUNT, 1);
	outb(PORT_LBA_LOW, (uint8_t)lba);
	outb(PORT_LBA_MID, (uint8_t)(lba >> 8));
	outb(PORT_LBA_HIGH, (uint8_t)(lba >> 16));
	outb(PORT_STATUS, command);
	/* The status is valid 400 ns after the command (four alternate-status reads). */
	for (int i = 0; i < 4; i++)
		inb(PORT_CONTROL);
	return 0;
}

static int
ide_own_read(void *ctx, uint32_t lba, void *sector)
{
	(void)ctx;
	int err = ide_own_issue(CMD_READ, lba);
	if (!err)
		err = ide_own_wait(ST_DRQ);
	if (!err)
		insw(PORT_DATA, sector, IDE_EMUL_WORDS);
	return err;
}

static int
ide_own_write_sector(void *ctx, uint32_t lba, const void *sector)
{
	(void)ctx;
	int err = ide_own_issue(CMD_WRITE, lba);
	if (!err)
		err = ide_own_wait(ST_DRQ);
	if (!err) {
		outsw(PORT_DATA, sector, IDE_EMUL_WORDS);
		err = ide_own_wait(0);
	}
	return err;
}

static int
ide_own_flush(void *ctx)
{
	(void)ctx;
	int err = ide_own_issue(CMD_FLUSH, 0);
	return err ? err : ide_own_wait(0);
}

const struct ide_disk_ops ide_own_ops = {
	.read = ide_own_read,
	.write = ide_own_write_sector,
	.flush = ide_own_flush,
};

int
ide_own_snapshot(struct ide_regs *regs, uint8_t control)
{
	uint8_t status = inb(PORT_CONTROL);
	if (status & (ST_BSY | ST_DRQ))
		return -EBUSY;
	regs->status = status;
	regs->error = inb(PORT_ERROR);
	regs->features = 0;
	regs->sector_count = inb(PORT_COUNT);
	regs->lba_low = inb(PORT_LBA_LOW);
	regs->lba_mid = inb(PORT_LBA_MID);
	regs->lba_high = inb(PORT_LBA_HIGH);
	regs->device = inb(PORT_DEVICE);
	regs->control = control;
	regs->irq_pending = false;
	return 0;
}

int
ide_own_take(uint16_t identify[IDE_EMUL_WORDS])
{
	outb(PORT_CONTROL, CTL_NIEN);
	int err = ide_own_issue(CMD_IDENTIFY, 0);
	if (!err)
		err = ide_own_wait(ST_DRQ);
	if (!err)
		insw(PORT_DATA, identify, IDE_EMUL_WORDS);
	return err;
}

void
ide_own_write(const struct ide_regs *regs)
{
	outb(PORT_DEVICE, regs->device);
	outb(PORT_ERROR, regs->features);
	outb(PORT_COUNT, regs->sector_count);
	outb(PORT_LBA_LOW, regs->lba_low);
	outb(PORT_LBA_MID, regs->lba_mid);
	outb(PORT_LBA_HIGH, regs->lba_high);
	outb(PORT_CONTROL, regs->control);
}
