/* An ATA disk (primary channel, device 0 only, PIO, LBA28) as a pure state
 * machine: port reads and writes in, register values and the IRQ 14 level
 * out, sectors through a backend the caller supplies. No port I/O and no
 * hypervisor calls inside, so the same file runs in the hypervisor, in
 * tests/unit/test_ide_emul.c and in tests/fuzz/fuzz_ide_emul.c.
 * Design, limits and the seed/export contract: docs/devices.md. */
#ifndef HV_IDE_EMUL_H
#define HV_IDE_EMUL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kernel/ata.h"

#define IDE_EMUL_SECTOR ATA_SECTOR_SIZE
#define IDE_EMUL_WORDS (IDE_EMUL_SECTOR / 2)

/* Offsets for ide_emul_read/ide_emul_write: ATA_REG_* (0-7) are the command
 * block (0x1F0-0x1F7), IDE_EMUL_CONTROL the control block register (0x3F6:
 * alternate status on read, device control on write). Offset 0 is the
 * 16-bit data register; see ide_emul_read_data. */
#define IDE_EMUL_CONTROL 8

/* The disk behind the model: in tests an array, in the hypervisor its own
 * driver of the real disk. Only called for LBAs below the IDENTIFY size.
 * Each RETURNS: 0, or a negative errno that the model reports as a device error. */
struct ide_disk_ops {
	int (*read)(void *ctx, uint32_t lba, void *sector);
	int (*write)(void *ctx, uint32_t lba, const void *sector);
	int (*flush)(void *ctx);	/* NULL: nothing to flush */
};

/* The device's registers between commands, as the hypervisor can read them
 * from the real device (status, error, task file), knows them (device
 * control is write-only: the last value the guest wrote) or can observe
 * them (a completion interrupt not yet acknowledged). */
struct ide_regs {
	uint8_t status;
	uint8_t error;
	uint8_t features;
	uint8_t sector_count;
	uint8_t lba_low;
	uint8_t lba_mid;
	uint8_t lba_high;
	uint8_t device;
	uint8_t control;	/* nIEN; SRST must be clear */
	bool irq_pending;	/* INTRQ set, status not yet read */
};

/* The model's state. Callers allocate it and touch it only through the
 * functions below. */
struct ide_emul {
	const struct ide_disk_ops *ops;
	void *ctx;
	uint32_t sectors;	/* IDENTIFY words 60-61 */
	uint16_t identify[IDE_EMUL_WORDS];
	struct ide_regs r;
	uint8_t command;	/* whose data phase runs, 0 when none */
	uint32_t lba;		/* sector in buf */
	uint32_t left;		/* sectors of the command not yet transferred, buf's included */
	unsigned pos;		/* next word of buf */
	uint8_t buf[IDE_EMUL_SECTOR];
};

/* Starts the model on an idle device: regs read from the real one, identify
 * its IDENTIFY DEVICE data, ops and ctx the disk. A command in flight cannot
 * be taken over: the caller lets the real device finish it first.
 * RETURNS: 0; -EBUSY when regs show BSY, DRQ or SRST; -EINVAL when ops lacks
 * read or write, or the IDENTIFY LBA28 size is 0 or above 2^28 sectors. */
int ide_emul_seed(struct ide_emul *ide, const struct ide_regs *regs,
		  const uint16_t identify[IDE_EMUL_WORDS], const struct ide_disk_ops *ops, void *ctx);

/* The registers to write back (task file, device control) and what cannot be
 * (status, error, irq_pending) when emulation stops.
 * RETURNS: 0; -EBUSY during a data phase or while SRST is held. */
int ide_emul_export(const struct ide_emul *ide, struct ide_regs *regs);

/* A driver's byte read of a register (IDE_EMUL_* offset), side effects
 * included: status acknowledges the interrupt, alternate status does not.
 * Offset 0 reads one data word and gives its low byte.
 * RETURNS: the register value; 0xFF for an unknown offset. */
uint8_t ide_emul_read(struct ide_emul *ide, unsigned offset);

/* A driver's byte write; offset ATA_REG_STATUS starts a command. Offset 0
 * writes one data word with a zero high byte. */
void ide_emul_write(struct ide_emul *ide, unsigned offset, uint8_t value);

/* One 16-bit access to the data register (in/out of 0x1F0).
 * RETURNS (read): the next data word; 0xFFFF when DRQ is clear. */
uint16_t ide_emul_read_data(struct ide_emul *ide);
void ide_emul_write_data(struct ide_emul *ide, uint16_t word);

/* A whole `rep insw`/`rep outsw` in one call, the same as n single accesses
 * (a sector boundary inside the block starts the next sector, or ends the
 * command, exactly where the single accesses would). */
void ide_emul_read_data_block(struct ide_emul *ide, uint16_t *words, size_t n);
void ide_emul_write_data_block(struct ide_emul *ide, const uint16_t *words, size_t n);

/* RETURNS: the level of IRQ 14: INTRQ set, nIEN clear and device 0 selected. */
bool ide_emul_irq_level(const struct ide_emul *ide);

#endif
