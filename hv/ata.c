/* The hypervisor's disk driver: the shared ATA PIO protocol
 * (kernel/ata_pio.c, the same as under the OS's driver) with the disk's size
 * remembered and every request checked against it. Silent: errors go
 * through trace_err, nothing is printed, because it runs inside exits. */
#include "hv/ata.h"
#include "hv/trace.h"
#include "kernel/ata_pio.h"
#include "kernel/errno.h"

static uint32_t ata_sector_count;
static uint16_t ata_id[ATA_ID_WORDS];

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
	int err = ata_pio_identify(ata_id);
	if (err)
		return trace_err(err);
	uint32_t sectors = ata_pio_lba28_sectors(ata_id);
	if (sectors == 0)
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
	if (err)
		return err;
	err = ata_pio_read(lba, count, buf);
	return err ? trace_err(err) : 0;
}

int
ata_write(uint32_t lba, uint32_t count, const void *buf)
{
	int err = ata_check(lba, count);
	if (err)
		return err;
	err = ata_pio_write(lba, count, buf);
	return err ? trace_err(err) : 0;
}

int
ata_flush(void)
{
	if (ata_sector_count == 0)
		return trace_err(-ENODEV);
	int err = ata_pio_flush();
	return err ? trace_err(err) : 0;
}
