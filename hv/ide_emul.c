/* ATA disk model. Commands and protocols follow ATA/ATAPI-6 (T13/1410D):
 * "PIO data-in command protocol" (IDENTIFY DEVICE, READ SECTORS), "PIO
 * data-out command protocol" (WRITE SECTORS), "Non-data command protocol"
 * (FLUSH CACHE, aborted commands) and "Software reset protocol".
 *
 * The model has no clock: a command's busy time takes no time, so BSY is
 * only ever seen while the driver holds SRST, and the next sector is in the
 * buffer as soon as the last word of the previous one has been read. */
#include "hv/ide_emul.h"
#include "kernel/ata.h"
#include "kernel/errno.h"
#include "kernel/lab.h"
#include "kernel/string.h"

/* Ready, as ATA/ATAPI-6 "Status register" has it after a command. DSC is
 * "command dependent" there; drives (and Bochs and QEMU) keep showing it as
 * ready-for-seek, older drivers test it. */
#define ST_READY (ATA_STATUS_DRDY | ATA_STATUS_DSC)

#define DIAG_DEVICE0_PASSED 0x01	/* error register after a reset: device 1 absent */

static bool
ide_is_dev1(const struct ide_emul *ide)
{
	return ide->r.device & ATA_DEVICE_DEV1;
}

static bool
ide_is_in_reset(const struct ide_emul *ide)
{
	return ide->r.control & ATA_CONTROL_SRST;
}

/* Ends the command with an error: "Non-data" completion, INTRQ raised. */
static void
ide_fail(struct ide_emul *ide, uint8_t error)
{
	ide->command = 0;
	ide->r.error = error;
	ide->r.status = ST_READY | ATA_STATUS_ERR;
	ide->r.irq_pending = true;
}

/* ATA/ATAPI-6: the LBA registers of an error name the failing sector. */
static void
ide_fail_at(struct ide_emul *ide, uint8_t error, uint32_t lba)
{
	ide->r.lba_low = (uint8_t)lba;
	ide->r.lba_mid = (uint8_t)(lba >> 8);
	ide->r.lba_high = (uint8_t)(lba >> 16);
	ide->r.device = (uint8_t)((ide->r.device & 0xF0) | ((lba >> 24) & 0x0F));
	ide_fail(ide, error);
}

static void
ide_complete(struct ide_emul *ide, bool interrupt)
{
	ide->command = 0;
	ide->r.status = ST_READY;
	if (interrupt)
		ide->r.irq_pending = true;
}

/* Opens the DRQ data block for sector ide->lba: read from the disk first for
 * data-in. An address the disk does not have is IDNF, checked per sector so a
 * transfer crossing the end moves the sectors before it, as a drive does. */
static void
ide_open_block(struct ide_emul *ide, bool interrupt)
{
	if (ide->lba >= ide->sectors) {
		ide_fail_at(ide, ATA_ERROR_IDNF, ide->lba);
		return;
	}
	if (ide->command == ATA_CMD_READ_SECTORS && ide->ops->read(ide->ctx, ide->lba, ide->buf)) {
		ide_fail_at(ide, ATA_ERROR_UNC, ide->lba);
		return;
	}
	ide->pos = 0;
	ide->r.status = ST_READY | ATA_STATUS_DRQ;
	if (interrupt)
		ide->r.irq_pending = true;
}

/* The last word of a block moved. PIO data-in: the next block raises INTRQ,
 * the end of the command does not. PIO data-out: the device writes the block,
 * then raises INTRQ for the next block or for the end. */
static void
ide_block_done(struct ide_emul *ide)
{
	if (ide->command == ATA_CMD_WRITE_SECTORS && ide->ops->write(ide->ctx, ide->lba, ide->buf)) {
		/* WRITE SECTORS has no UNC; ABRT is "unable to complete the command". */
		ide_fail_at(ide, ATA_ERROR_ABRT, ide->lba);
		return;
	}
	bool is_write = ide->command == ATA_CMD_WRITE_SECTORS;
	if (--ide->left == 0) {
		ide_complete(ide, is_write);
		return;
	}
	ide->lba++;
	ide_open_block(ide, true);
}

/* READ SECTORS and WRITE SECTORS: LBA28 from the task file, a count of 0 is
 * 256. CHS addressing is not modelled and aborts. */
static void
ide_start_transfer(struct ide_emul *ide, uint8_t command)
{
	if (!(ide->r.device & ATA_DEVICE_LBA)) {
		ide_fail(ide, ATA_ERROR_ABRT);
		return;
	}
	ide->command = command;
	ide->lba = (uint32_t)(ide->r.device & 0x0F) << 24 | (uint32_t)ide->r.lba_high << 16 |
		   (uint32_t)ide->r.lba_mid << 8 | ide->r.lba_low;
	ide->left = ide->r.sector_count ? ide->r.sector_count : 256;
	/* Data-out: the host polls for DRQ of the first block, no INTRQ. */
	ide_open_block(ide, command == ATA_CMD_READ_SECTORS);
}

static void
ide_identify(struct ide_emul *ide)
{
	for (unsigned i = 0; i < IDE_EMUL_WORDS; i++) {
		ide->buf[2 * i] = (uint8_t)ide->identify[i];
		ide->buf[2 * i + 1] = (uint8_t)(ide->identify[i] >> 8);
	}
	ide->command = ATA_CMD_IDENTIFY_DEVICE;
	ide->left = 1;
	ide->pos = 0;
	ide->r.status = ST_READY | ATA_STATUS_DRQ;
	ide->r.irq_pending = true;
}

/* Writing the command register clears a pending interrupt and replaces any
 * command still in its data phase (ATA leaves that case to the device).
 * Device 0 ignores commands addressed to the absent device 1. */
static void
ide_command(struct ide_emul *ide, uint8_t command)
{
	if (ide_is_in_reset(ide) || ide_is_dev1(ide))
		return;
	ide->r.irq_pending = false;
	ide->r.error = 0;
	ide->command = 0;
	switch (command) {
	case ATA_CMD_IDENTIFY_DEVICE:
		ide_identify(ide);
		break;
	case ATA_CMD_READ_SECTORS:
	case ATA_CMD_WRITE_SECTORS:
		ide_start_transfer(ide, command);
		break;
	case ATA_CMD_FLUSH_CACHE:
		if (ide->ops->flush && ide->ops->flush(ide->ctx))
			ide_fail(ide, ATA_ERROR_ABRT);
		else
			ide_complete(ide, true);
		break;
	default:
		ide_fail(ide, ATA_ERROR_ABRT);
		break;
	}
}

/* SRST set: BSY until it is cleared. SRST cleared: the ATA signature in the
 * task file, diagnostics passed, ready, no interrupt. */
static void
ide_write_control(struct ide_emul *ide, uint8_t value)
{
	bool was_reset = ide_is_in_reset(ide);
	ide->r.control = value & (ATA_CONTROL_NIEN | ATA_CONTROL_SRST);
	if (ide_is_in_reset(ide)) {
		ide->command = 0;
		ide->r.status = ATA_STATUS_BSY;
		ide->r.irq_pending = false;
	} else if (was_reset) {
		ide->r.status = ST_READY;
		ide->r.error = DIAG_DEVICE0_PASSED;
		ide->r.sector_count = 1;
		ide->r.lba_low = 1;
		ide->r.lba_mid = 0;
		ide->r.lba_high = 0;
		ide->r.device = 0;
	}
}

int
ide_emul_seed(struct ide_emul *ide, const struct ide_regs *regs,
	      const uint16_t identify[IDE_EMUL_WORDS], const struct ide_disk_ops *ops, void *ctx)
{
	if ((regs->status & (ATA_STATUS_BSY | ATA_STATUS_DRQ)) || (regs->control & ATA_CONTROL_SRST))
		return -EBUSY;
	uint32_t sectors = identify[ATA_ID_LBA28_SECTORS] | (uint32_t)identify[ATA_ID_LBA28_SECTORS + 1] << 16;
	if (!ops || !ops->read || !ops->write || sectors == 0 || sectors > ATA_LBA28_LIMIT)
		return -EINVAL;
	memset(ide, 0, sizeof(*ide));
	ide->ops = ops;
	ide->ctx = ctx;
	ide->sectors = sectors;
	memcpy(ide->identify, identify, sizeof(ide->identify));
	ide->r = *regs;
	ide->r.control &= ATA_CONTROL_NIEN;
	return 0;
}

int
ide_emul_export(const struct ide_emul *ide, struct ide_regs *regs)
{
	if (ide->command || ide_is_in_reset(ide))
		return -EBUSY;
	*regs = ide->r;
	return 0;
}

/* Sector count, LBA low/mid/high and device read back what was written. */
static uint8_t *
ide_task_file(struct ide_emul *ide, unsigned offset)
{
	switch (offset) {
	case ATA_REG_SECTOR_COUNT:
		return &ide->r.sector_count;
	case ATA_REG_LBA_LOW:
		return &ide->r.lba_low;
	case ATA_REG_LBA_MID:
		return &ide->r.lba_mid;
	case ATA_REG_LBA_HIGH:
		return &ide->r.lba_high;
	case ATA_REG_DEVICE:
		return &ide->r.device;
	default:
		return NULL;
	}
}

/* With device 1 selected and absent, device 0 answers status reads with 00h. */
uint8_t
ide_emul_read(struct ide_emul *ide, unsigned offset)
{
	uint8_t *reg = ide_task_file(ide, offset);
	if (reg)
		return *reg;
	switch (offset) {
	case ATA_REG_DATA:
		return (uint8_t)ide_emul_read_data(ide);
	case ATA_REG_ERROR:
		return ide->r.error;
	case ATA_REG_STATUS:
		if (ide_is_dev1(ide) && !ide_is_in_reset(ide))
			return 0;
		ide->r.irq_pending = false;
		return ide->r.status;
	case IDE_EMUL_CONTROL:
		return ide_is_dev1(ide) && !ide_is_in_reset(ide) ? 0 : ide->r.status;
	default:
		return 0xFF;
	}
}

void
ide_emul_write(struct ide_emul *ide, unsigned offset, uint8_t value)
{
	uint8_t *reg = ide_task_file(ide, offset);
	if (reg) {
		*reg = value;
		return;
	}
	switch (offset) {
	case ATA_REG_DATA:
		ide_emul_write_data(ide, value);
		break;
	case ATA_REG_ERROR:
		ide->r.features = value;
		break;
	case ATA_REG_STATUS:
		ide_command(ide, value);
		break;
	case IDE_EMUL_CONTROL:
		ide_write_control(ide, value);
		break;
	default:
		break;
	}
}

static bool
ide_is_data_in(const struct ide_emul *ide)
{
	return (ide->r.status & ATA_STATUS_DRQ) &&
	       (ide->command == ATA_CMD_READ_SECTORS || ide->command == ATA_CMD_IDENTIFY_DEVICE);
}

static bool
ide_is_data_out(const struct ide_emul *ide)
{
	return (ide->r.status & ATA_STATUS_DRQ) && ide->command == ATA_CMD_WRITE_SECTORS;
}

/* Words are little-endian in the sector, as `insw` stores them. */
void
ide_emul_read_data_block(struct ide_emul *ide, uint16_t *words, size_t n)
{
	/* LAB 11 BEGIN: PIO data-in: words out of the sector buffer, each full block ends with ide_block_done */
	/* LAB 11 STUB: (void)ide; (void)words; (void)n; (void)ide_is_data_in; (void)ide_block_done; */
	/* LAB 11 STUB: lab_not_implemented("LAB 11: ide_emul_read_data_block"); */
	size_t i = 0;
	while (i < n && ide_is_data_in(ide)) {
		size_t chunk = IDE_EMUL_WORDS - ide->pos;
		if (chunk > n - i)
			chunk = n - i;
		for (size_t k = 0; k < chunk; k++, ide->pos++)
			words[i + k] = (uint16_t)(ide->buf[2 * ide->pos] | ide->buf[2 * ide->pos + 1] << 8);
		i += chunk;
		if (ide->pos == IDE_EMUL_WORDS)
			ide_block_done(ide);
	}
	for (; i < n; i++)
		words[i] = 0xFFFF;
	/* LAB 11 END */
}

void
ide_emul_write_data_block(struct ide_emul *ide, const uint16_t *words, size_t n)
{
	/* LAB 11 BEGIN: PIO data-out: words into the sector buffer, each full block ends with ide_block_done */
	/* LAB 11 STUB: (void)ide; (void)words; (void)n; (void)ide_is_data_out; */
	/* LAB 11 STUB: lab_not_implemented("LAB 11: ide_emul_write_data_block"); */
	size_t i = 0;
	while (i < n && ide_is_data_out(ide)) {
		size_t chunk = IDE_EMUL_WORDS - ide->pos;
		if (chunk > n - i)
			chunk = n - i;
		for (size_t k = 0; k < chunk; k++, ide->pos++) {
			ide->buf[2 * ide->pos] = (uint8_t)words[i + k];
			ide->buf[2 * ide->pos + 1] = (uint8_t)(words[i + k] >> 8);
		}
		i += chunk;
		if (ide->pos == IDE_EMUL_WORDS)
			ide_block_done(ide);
	}
	/* LAB 11 END */
}

uint16_t
ide_emul_read_data(struct ide_emul *ide)
{
	uint16_t word;
	ide_emul_read_data_block(ide, &word, 1);
	return word;
}

void
ide_emul_write_data(struct ide_emul *ide, uint16_t word)
{
	ide_emul_write_data_block(ide, &word, 1);
}

/* ATA/ATAPI-6 "INTRQ": driven only by the selected device with nIEN clear. */
bool
ide_emul_irq_level(const struct ide_emul *ide)
{
	return ide->r.irq_pending && !(ide->r.control & ATA_CONTROL_NIEN) && !ide_is_dev1(ide);
}
