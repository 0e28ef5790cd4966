/* SOURCES: hv/ide_emul.c */
/* Random register writes, commands, data accesses (single and block), resets,
 * seeds and exports on a small disk: the backend is never asked for a sector
 * outside it, DRQ is never set with BSY, the data offset stays inside the
 * sector buffer and the IRQ line obeys nIEN. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hv/ide_emul.h"
#include "kernel/errno.h"

#define DISK_SECTORS 40	/* smaller than one 256-sector command */

static uint8_t disk[DISK_SECTORS][IDE_EMUL_SECTOR];
static uint8_t fail_lba;

static void
check(int ok)
{
	if (!ok)
		abort();
}

static int
disk_read(void *ctx, uint32_t lba, void *sector)
{
	(void)ctx;
	check(lba < DISK_SECTORS);
	if (lba == fail_lba)
		return -EIO;
	memcpy(sector, disk[lba], IDE_EMUL_SECTOR);
	return 0;
}

static int
disk_write(void *ctx, uint32_t lba, const void *sector)
{
	(void)ctx;
	check(lba < DISK_SECTORS);
	if (lba == fail_lba)
		return -EIO;
	memcpy(disk[lba], sector, IDE_EMUL_SECTOR);
	return 0;
}

static int
disk_flush(void *ctx)
{
	(void)ctx;
	return fail_lba == 0xFF ? -EIO : 0;
}

static const struct ide_disk_ops ops = { disk_read, disk_write, disk_flush };

static void
check_state(struct ide_emul *ide)
{
	uint8_t alt = ide_emul_read(ide, IDE_EMUL_CONTROL);
	check((alt & 0x88) != 0x88);
	check(ide->pos <= IDE_EMUL_WORDS && ide->left <= 256);
	check(!ide->command || ide->command == 0xEC || ide->lba < DISK_SECTORS);
	if (ide_emul_irq_level(ide))
		check(!(ide->r.control & 0x02) && !(ide->r.device & 0x10));
	struct ide_regs regs;
	if (ide_emul_export(ide, &regs) == 0)
		check(!(regs.status & 0x88) && !(regs.control & 0x04));
}

static const uint8_t commands[] = { 0x20, 0x30, 0xE7, 0xEC, 0x00, 0x91 };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ide_emul ide;
	static uint16_t identify[IDE_EMUL_WORDS] = { [60] = DISK_SECTORS };
	static uint16_t words[3 * IDE_EMUL_WORDS];
	struct ide_regs seed = { .status = 0x50, .device = 0xE0 };
	fail_lba = 0xFE;
	check(ide_emul_seed(&ide, &seed, identify, &ops, NULL) == 0);
	for (size_t i = 0; i + 2 < size; i += 3) {
		uint8_t op = data[i], a = data[i + 1], b = data[i + 2];
		size_t n = ((size_t)a << 8 | b) % (3 * IDE_EMUL_WORDS);
		switch (op % 10) {
		case 0:
			ide_emul_read(&ide, op >> 4 > IDE_EMUL_CONTROL ? a % 9 : op >> 4);
			break;
		case 1:
			ide_emul_write(&ide, op >> 4 > IDE_EMUL_CONTROL ? a % 9 : op >> 4, b);
			break;
		case 2:	/* a whole LBA28 command: count a, start b, near the end of the disk */
			ide_emul_write(&ide, ATA_REG_DEVICE, 0xE0);
			ide_emul_write(&ide, ATA_REG_SECTOR_COUNT, a);
			ide_emul_write(&ide, ATA_REG_LBA_LOW, b % (DISK_SECTORS + 4));
			ide_emul_write(&ide, ATA_REG_LBA_MID, 0);
			ide_emul_write(&ide, ATA_REG_LBA_HIGH, 0);
			ide_emul_write(&ide, ATA_REG_STATUS, commands[(op >> 4) % sizeof(commands)]);
			break;
		case 3:
			ide_emul_read_data(&ide);
			break;
		case 4:
			ide_emul_write_data(&ide, (uint16_t)(a << 8 | b));
			break;
		case 5:
			ide_emul_read_data_block(&ide, words, n);
			break;
		case 6:
			memset(words, a, sizeof(words));
			ide_emul_write_data_block(&ide, words, n);
			break;
		case 7:
			fail_lba = a;
			break;
		case 8: {
			struct ide_regs regs;
			if (ide_emul_export(&ide, &regs) == 0)
				check(ide_emul_seed(&ide, &regs, identify, &ops, NULL) == 0);
			break;
		}
		default:
			ide_emul_read(&ide, ATA_REG_STATUS);
			break;
		}
		check_state(&ide);
	}
	return 0;
}
