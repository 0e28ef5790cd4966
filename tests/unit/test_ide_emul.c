/* SOURCES: hv/ide_emul.c */
/* The ATA model through its port interface: each command and protocol step,
 * on an in-memory disk whose backend fails the test on any access outside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hv/ide_emul.h"
#include "kernel/errno.h"

#define ST_READY 0x50

struct mem_disk {
	uint8_t *data;
	uint32_t sectors;
	uint32_t fail_lba;	/* the backend fails this sector; UINT32_MAX: none */
	int fail_flush;
	unsigned reads, writes, flushes;
};

static int
mem_read(void *ctx, uint32_t lba, void *sector)
{
	struct mem_disk *d = ctx;
	assert_true(lba < d->sectors);
	d->reads++;
	if (lba == d->fail_lba)
		return -EIO;
	memcpy(sector, d->data + (size_t)lba * IDE_EMUL_SECTOR, IDE_EMUL_SECTOR);
	return 0;
}

static int
mem_write(void *ctx, uint32_t lba, const void *sector)
{
	struct mem_disk *d = ctx;
	assert_true(lba < d->sectors);
	d->writes++;
	if (lba == d->fail_lba)
		return -EIO;
	memcpy(d->data + (size_t)lba * IDE_EMUL_SECTOR, sector, IDE_EMUL_SECTOR);
	return 0;
}

static int
mem_flush(void *ctx)
{
	struct mem_disk *d = ctx;
	d->flushes++;
	return d->fail_flush ? -EIO : 0;
}

static const struct ide_disk_ops mem_ops = { mem_read, mem_write, mem_flush };

struct rig {
	struct ide_emul ide;
	struct mem_disk disk;
	uint16_t identify[IDE_EMUL_WORDS];
};

/* Byte i of sector s is (s * 7 + i) & 0xFF: every sector differs. */
static uint8_t
pattern(uint32_t s, size_t i)
{
	return (uint8_t)(s * 7 + i);
}

static struct rig *
rig_new(uint32_t sectors)
{
	struct rig *r = calloc(1, sizeof(*r));
	assert_non_null(r);
	r->disk.data = malloc((size_t)sectors * IDE_EMUL_SECTOR);
	assert_non_null(r->disk.data);
	for (uint32_t s = 0; s < sectors; s++)
		for (size_t i = 0; i < IDE_EMUL_SECTOR; i++)
			r->disk.data[(size_t)s * IDE_EMUL_SECTOR + i] = pattern(s, i);
	r->disk.sectors = sectors;
	r->disk.fail_lba = UINT32_MAX;
	for (unsigned w = 0; w < IDE_EMUL_WORDS; w++)
		r->identify[w] = (uint16_t)(0xA000 + w);
	r->identify[60] = (uint16_t)sectors;
	r->identify[61] = (uint16_t)(sectors >> 16);
	struct ide_regs regs = { .status = ST_READY, .device = 0xA0 };
	assert_int_equal(ide_emul_seed(&r->ide, &regs, r->identify, &mem_ops, &r->disk), 0);
	return r;
}

static void
rig_free(struct rig *r)
{
	free(r->disk.data);
	free(r);
}

static void
issue(struct ide_emul *ide, uint8_t command, uint32_t lba, uint8_t count)
{
	ide_emul_write(ide, ATA_REG_DEVICE, (uint8_t)(0xE0 | (lba >> 24)));
	ide_emul_write(ide, ATA_REG_SECTOR_COUNT, count);
	ide_emul_write(ide, ATA_REG_LBA_LOW, (uint8_t)lba);
	ide_emul_write(ide, ATA_REG_LBA_MID, (uint8_t)(lba >> 8));
	ide_emul_write(ide, ATA_REG_LBA_HIGH, (uint8_t)(lba >> 16));
	ide_emul_write(ide, ATA_REG_STATUS, command);
}

/* Reads one sector word by word and checks it against the disk pattern. */
static void
expect_sector(struct ide_emul *ide, uint32_t s)
{
	for (size_t w = 0; w < IDE_EMUL_WORDS; w++) {
		uint16_t want = (uint16_t)(pattern(s, 2 * w) | pattern(s, 2 * w + 1) << 8);
		assert_int_equal(ide_emul_read_data(ide), want);
	}
}

static void
write_sector(struct ide_emul *ide, uint8_t fill)
{
	for (size_t w = 0; w < IDE_EMUL_WORDS; w++)
		ide_emul_write_data(ide, (uint16_t)(fill | (uint16_t)(w & 0xFF) << 8));
}

/* The command ended with ERR and this error register, and raised INTRQ. */
static void
expect_error(struct ide_emul *ide, uint8_t error)
{
	assert_true(ide_emul_irq_level(ide));
	assert_int_equal(ide_emul_read(ide, ATA_REG_STATUS), ST_READY | ATA_STATUS_ERR);
	assert_int_equal(ide_emul_read(ide, ATA_REG_ERROR), error);
}

static void
identify_data_round_trips_through_the_data_port(void **state)
{
	(void)state;
	struct rig *r = rig_new(64);
	issue(&r->ide, 0xEC, 0, 0);
	assert_true(ide_emul_irq_level(&r->ide));
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY | ATA_STATUS_DRQ);
	assert_false(ide_emul_irq_level(&r->ide));
	for (unsigned w = 0; w < IDE_EMUL_WORDS; w++)
		assert_int_equal(ide_emul_read_data(&r->ide), r->identify[w]);
	/* The end of a data-in command raises no interrupt. */
	assert_false(ide_emul_irq_level(&r->ide));
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY);
	assert_int_equal(ide_emul_read_data(&r->ide), 0xFFFF);
	assert_int_equal(r->disk.reads, 0);
	rig_free(r);
}

/* READ SECTORS of n sectors (count register n mod 256) on a fresh rig:
 * INTRQ before each block, the disk's bytes, no INTRQ at the end. */
static void
expect_read(uint32_t disk_sectors, uint32_t lba, unsigned n)
{
	struct rig *r = rig_new(disk_sectors);
	issue(&r->ide, 0x20, lba, (uint8_t)n);
	for (uint32_t s = lba; s < lba + n; s++) {
		assert_true(ide_emul_irq_level(&r->ide));
		assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY | ATA_STATUS_DRQ);
		expect_sector(&r->ide, s);
	}
	assert_false(ide_emul_irq_level(&r->ide));
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY);
	assert_int_equal(r->disk.reads, n);
	rig_free(r);
}

static void
read_sectors_interrupts_before_each_block(void **state)
{
	(void)state;
	expect_read(64, 5, 3);
}

static void
read_count_zero_means_256(void **state)
{
	(void)state;
	expect_read(300, 10, 256);
}

static void
write_sectors_follows_pio_data_out(void **state)
{
	(void)state;
	struct rig *r = rig_new(300);
	issue(&r->ide, 0x30, 20, 0);
	/* The first block is asked for without an interrupt. */
	assert_false(ide_emul_irq_level(&r->ide));
	for (int i = 0; i < 256; i++) {
		assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY | ATA_STATUS_DRQ);
		write_sector(&r->ide, (uint8_t)i);
		assert_true(ide_emul_irq_level(&r->ide));	/* next block, or done */
	}
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY);
	assert_int_equal(r->disk.writes, 256);
	for (int i = 0; i < 256; i++) {
		const uint8_t *s = r->disk.data + (size_t)(20 + i) * IDE_EMUL_SECTOR;
		assert_int_equal(s[0], (uint8_t)i);
		assert_int_equal(s[511], 0xFF);
	}
	assert_int_equal(r->disk.data[276 * IDE_EMUL_SECTOR], pattern(276, 0));
	assert_int_equal(r->disk.data[20 * IDE_EMUL_SECTOR - 1], pattern(19, 511));
	rig_free(r);
}

static void
lba_beyond_the_disk_is_idnf(void **state)
{
	(void)state;
	struct rig *r = rig_new(8);
	issue(&r->ide, 0x20, 8, 1);
	expect_error(&r->ide, ATA_ERROR_IDNF);
	assert_int_equal(r->disk.reads, 0);
	/* A count of 0 (256) from sector 6 of 8: two sectors, then IDNF at sector 8. */
	issue(&r->ide, 0x20, 6, 0);
	expect_sector(&r->ide, 6);
	expect_sector(&r->ide, 7);
	expect_error(&r->ide, ATA_ERROR_IDNF);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_LBA_LOW), 8);
	assert_int_equal(r->disk.reads, 2);
	issue(&r->ide, 0x30, 7, 2);
	write_sector(&r->ide, 0xAB);
	expect_error(&r->ide, ATA_ERROR_IDNF);
	assert_int_equal(r->disk.writes, 1);
	assert_int_equal(r->disk.data[7 * IDE_EMUL_SECTOR], 0xAB);
	issue(&r->ide, 0x30, 0x0FFFFFFF, 1);
	expect_error(&r->ide, ATA_ERROR_IDNF);
	assert_int_equal(r->disk.writes, 1);
	rig_free(r);
}

static void
unknown_commands_and_chs_abort(void **state)
{
	(void)state;
	struct rig *r = rig_new(8);
	const uint8_t commands[] = { 0x00, 0x21, 0x91, 0xC4, 0xEF, 0xFF };
	for (size_t i = 0; i < sizeof(commands); i++) {
		issue(&r->ide, commands[i], 0, 1);
		expect_error(&r->ide, ATA_ERROR_ABRT);
	}
	ide_emul_write(&r->ide, ATA_REG_DEVICE, 0xA0);	/* LBA bit clear: CHS */
	ide_emul_write(&r->ide, ATA_REG_STATUS, 0x20);
	expect_error(&r->ide, ATA_ERROR_ABRT);
	/* The next good command clears the error. */
	issue(&r->ide, 0x20, 1, 1);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY | ATA_STATUS_DRQ);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_ERROR), 0);
	assert_int_equal(r->disk.reads, 1);
	rig_free(r);
}

static void
backend_errors_become_device_errors(void **state)
{
	(void)state;
	struct rig *r = rig_new(16);
	r->disk.fail_lba = 3;
	issue(&r->ide, 0x20, 2, 3);
	expect_sector(&r->ide, 2);
	expect_error(&r->ide, ATA_ERROR_UNC);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_LBA_LOW), 3);
	issue(&r->ide, 0x30, 3, 1);
	write_sector(&r->ide, 1);
	expect_error(&r->ide, ATA_ERROR_ABRT);
	r->disk.fail_flush = 1;
	issue(&r->ide, 0xE7, 0, 0);
	expect_error(&r->ide, ATA_ERROR_ABRT);
	rig_free(r);
}

static void
flush_cache_completes_with_an_interrupt(void **state)
{
	(void)state;
	struct rig *r = rig_new(16);
	issue(&r->ide, 0xE7, 0, 0);
	assert_true(ide_emul_irq_level(&r->ide));
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY);
	assert_int_equal(r->disk.flushes, 1);
	/* A backend without flush: nothing to do, same completion. */
	static const struct ide_disk_ops no_flush = { mem_read, mem_write, NULL };
	struct ide_regs regs = { .status = ST_READY };
	assert_int_equal(ide_emul_seed(&r->ide, &regs, r->identify, &no_flush, &r->disk), 0);
	issue(&r->ide, 0xE7, 0, 0);
	assert_true(ide_emul_irq_level(&r->ide));
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY);
	rig_free(r);
}

static void
nien_masks_the_irq_line(void **state)
{
	(void)state;
	struct rig *r = rig_new(16);
	ide_emul_write(&r->ide, IDE_EMUL_CONTROL, 0x02);
	issue(&r->ide, 0xEC, 0, 0);
	assert_false(ide_emul_irq_level(&r->ide));
	ide_emul_write(&r->ide, IDE_EMUL_CONTROL, 0x00);	/* still pending: the line rises */
	assert_true(ide_emul_irq_level(&r->ide));
	ide_emul_write(&r->ide, IDE_EMUL_CONTROL, 0x02);
	issue(&r->ide, 0x20, 0, 2);
	expect_sector(&r->ide, 0);
	assert_false(ide_emul_irq_level(&r->ide));
	expect_sector(&r->ide, 1);
	assert_false(ide_emul_irq_level(&r->ide));
	rig_free(r);
}

static void
status_acknowledges_and_alternate_status_does_not(void **state)
{
	(void)state;
	struct rig *r = rig_new(16);
	issue(&r->ide, 0x20, 0, 1);
	assert_int_equal(ide_emul_read(&r->ide, IDE_EMUL_CONTROL), ST_READY | ATA_STATUS_DRQ);
	assert_int_equal(ide_emul_read(&r->ide, IDE_EMUL_CONTROL), ST_READY | ATA_STATUS_DRQ);
	assert_true(ide_emul_irq_level(&r->ide));
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY | ATA_STATUS_DRQ);
	assert_false(ide_emul_irq_level(&r->ide));
	/* Writing the command register clears a pending interrupt too. */
	issue(&r->ide, 0xE7, 0, 0);
	assert_true(ide_emul_irq_level(&r->ide));
	ide_emul_write(&r->ide, ATA_REG_STATUS, 0x30);
	assert_false(ide_emul_irq_level(&r->ide));
	rig_free(r);
}

static void
srst_resets_to_the_ata_signature(void **state)
{
	(void)state;
	struct rig *r = rig_new(16);
	issue(&r->ide, 0x20, 4, 2);
	ide_emul_read_data(&r->ide);
	ide_emul_write(&r->ide, IDE_EMUL_CONTROL, 0x04);
	assert_int_equal(ide_emul_read(&r->ide, IDE_EMUL_CONTROL), 0x80);	/* BSY, no DRQ */
	assert_false(ide_emul_irq_level(&r->ide));
	struct ide_regs out;
	assert_int_equal(ide_emul_export(&r->ide, &out), -EBUSY);
	issue(&r->ide, 0xEC, 0, 0);	/* ignored while in reset */
	ide_emul_write(&r->ide, IDE_EMUL_CONTROL, 0x00);
	assert_false(ide_emul_irq_level(&r->ide));
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_ERROR), 0x01);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_SECTOR_COUNT), 1);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_LBA_LOW), 1);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_LBA_MID), 0);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_LBA_HIGH), 0);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_DEVICE), 0);
	assert_int_equal(ide_emul_read_data(&r->ide), 0xFFFF);
	assert_int_equal(r->disk.reads, 1);
	rig_free(r);
}

static void
absent_device_1_reads_zero_and_ignores_commands(void **state)
{
	(void)state;
	struct rig *r = rig_new(16);
	ide_emul_write(&r->ide, ATA_REG_DEVICE, 0xB0);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), 0);
	assert_int_equal(ide_emul_read(&r->ide, IDE_EMUL_CONTROL), 0);
	ide_emul_write(&r->ide, ATA_REG_STATUS, 0xEC);
	assert_false(ide_emul_irq_level(&r->ide));
	ide_emul_write(&r->ide, ATA_REG_DEVICE, 0xA0);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_STATUS), ST_READY);
	rig_free(r);
}

/* Two identical rigs: one served a word at a time, one with blocks that cross
 * sector boundaries. Data, disk, registers and IRQ level must agree. */
static void
block_calls_equal_single_calls(void **state)
{
	(void)state;
	struct rig *a = rig_new(32), *b = rig_new(32);
	static uint16_t single[3 * IDE_EMUL_WORDS + 10], block[3 * IDE_EMUL_WORDS + 10];
	issue(&a->ide, 0x20, 9, 3);
	issue(&b->ide, 0x20, 9, 3);
	for (size_t i = 0; i < 3 * IDE_EMUL_WORDS + 10; i++)
		single[i] = ide_emul_read_data(&a->ide);
	ide_emul_read_data_block(&b->ide, block, 100);
	ide_emul_read_data_block(&b->ide, block + 100, 3 * IDE_EMUL_WORDS - 90);
	assert_memory_equal(single, block, sizeof(single));
	assert_int_equal(block[3 * IDE_EMUL_WORDS], 0xFFFF);
	assert_int_equal(ide_emul_irq_level(&a->ide), ide_emul_irq_level(&b->ide));
	for (size_t i = 0; i < 3 * IDE_EMUL_WORDS; i++)
		single[i] = (uint16_t)(i * 31 + 7);
	issue(&a->ide, 0x30, 2, 3);
	issue(&b->ide, 0x30, 2, 3);
	for (size_t i = 0; i < 3 * IDE_EMUL_WORDS; i++)
		ide_emul_write_data(&a->ide, single[i]);
	ide_emul_write_data_block(&b->ide, single, IDE_EMUL_WORDS);
	ide_emul_write_data_block(&b->ide, single + IDE_EMUL_WORDS, 2 * IDE_EMUL_WORDS);
	assert_memory_equal(a->disk.data, b->disk.data, 32 * IDE_EMUL_SECTOR);
	assert_int_equal(a->disk.data[2 * IDE_EMUL_SECTOR], 7);
	assert_int_equal(a->disk.writes, 3);
	assert_int_equal(b->disk.writes, 3);
	for (unsigned off = 1; off <= IDE_EMUL_CONTROL; off++)
		assert_int_equal(ide_emul_read(&a->ide, off), ide_emul_read(&b->ide, off));
	rig_free(a);
	rig_free(b);
}

static void
seed_and_export_keep_the_registers(void **state)
{
	(void)state;
	struct rig *r = rig_new(16);
	struct ide_regs in = { .status = ST_READY | ATA_STATUS_ERR, .error = ATA_ERROR_ABRT, .features = 3,
			       .sector_count = 9, .lba_low = 1, .lba_mid = 2, .lba_high = 3,
			       .device = 0xE0, .control = 0x00, .irq_pending = true };
	assert_int_equal(ide_emul_seed(&r->ide, &in, r->identify, &mem_ops, &r->disk), 0);
	assert_true(ide_emul_irq_level(&r->ide));
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_ERROR), ATA_ERROR_ABRT);
	assert_int_equal(ide_emul_read(&r->ide, ATA_REG_SECTOR_COUNT), 9);
	struct ide_regs out;
	assert_int_equal(ide_emul_export(&r->ide, &out), 0);
	assert_int_equal(out.status, ST_READY | ATA_STATUS_ERR);
	assert_int_equal(out.lba_high, 3);
	assert_int_equal(out.features, 3);
	assert_true(out.irq_pending);
	issue(&r->ide, 0x30, 0, 1);
	assert_int_equal(ide_emul_export(&r->ide, &out), -EBUSY);
	write_sector(&r->ide, 0);
	assert_int_equal(ide_emul_export(&r->ide, &out), 0);
	/* A command in flight, SRST, or a bad IDENTIFY size cannot be seeded. */
	in.status = ST_READY | ATA_STATUS_DRQ;
	assert_int_equal(ide_emul_seed(&r->ide, &in, r->identify, &mem_ops, &r->disk), -EBUSY);
	in.status = 0x80;
	assert_int_equal(ide_emul_seed(&r->ide, &in, r->identify, &mem_ops, &r->disk), -EBUSY);
	in.status = ST_READY;
	in.control = 0x04;
	assert_int_equal(ide_emul_seed(&r->ide, &in, r->identify, &mem_ops, &r->disk), -EBUSY);
	in.control = 0;
	r->identify[60] = r->identify[61] = 0;
	assert_int_equal(ide_emul_seed(&r->ide, &in, r->identify, &mem_ops, &r->disk), -EINVAL);
	r->identify[61] = 0x1001;	/* above 2^28 sectors */
	assert_int_equal(ide_emul_seed(&r->ide, &in, r->identify, &mem_ops, &r->disk), -EINVAL);
	rig_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identify_data_round_trips_through_the_data_port),
		cmocka_unit_test(read_sectors_interrupts_before_each_block),
		cmocka_unit_test(read_count_zero_means_256),
		cmocka_unit_test(write_sectors_follows_pio_data_out),
		cmocka_unit_test(lba_beyond_the_disk_is_idnf),
		cmocka_unit_test(unknown_commands_and_chs_abort),
		cmocka_unit_test(backend_errors_become_device_errors),
		cmocka_unit_test(flush_cache_completes_with_an_interrupt),
		cmocka_unit_test(nien_masks_the_irq_line),
		cmocka_unit_test(status_acknowledges_and_alternate_status_does_not),
		cmocka_unit_test(srst_resets_to_the_ata_signature),
		cmocka_unit_test(absent_device_1_reads_zero_and_ignores_commands),
		cmocka_unit_test(block_calls_equal_single_calls),
		cmocka_unit_test(seed_and_export_keep_the_registers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
