/* The `disk` shell command: look at and change the disk through the current
 * block driver (dev_disk), whichever it is. */
#include "guestos/dev/dev.h"
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/crc32.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include <stdbool.h>

#define DISK_CMD_CHUNK 8	/* sectors per driver call */
#define HEXDUMP_WIDTH 16

static uint8_t disk_cmd_buf[DISK_CMD_CHUNK * SECTOR_SIZE];

static int
disk_cmd_parse_u32(const char *s, uint32_t *out)
{
	unsigned long long v;
	if (parse_u64(s, &v) || v > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

/* RETURNS: 0 when the sectors exist; otherwise prints why and returns -ENODEV or -ENOSPC. */
static int
disk_cmd_check_range(uint32_t lba, uint32_t count)
{
	uint32_t sectors = dev_disk()->sectors();
	if (sectors == 0) {
		kprintf("disk: no disk\n");
		return -ENODEV;
	}
	if ((uint64_t)lba + count > sectors) {
		kprintf("disk: sectors %u..%llu are past the end of the disk (%u sectors)\n", lba,
			(unsigned long long)lba + count - 1, sectors);
		return -ENOSPC;
	}
	return 0;
}

static int
disk_cmd_report(const char *what, int err)
{
	if (err)
		kprintf("disk: %s failed: %s\n", what, errno_name(err));
	return err;
}

static int
disk_cmd_info(void)
{
	const struct blockdev_ops *disk = dev_disk();
	uint32_t sectors = disk->sectors();
	if (sectors == 0) {
		kprintf("disk: no disk\n");
		return -ENODEV;
	}
	kprintf("disk: driver %s, model \"%s\", %u sectors (%u MiB)\n", disk->name, disk->model(), sectors,
		sectors / 2048);
	return 0;
}

static void
disk_cmd_hexdump_line(const uint8_t *p, unsigned offset)
{
	char line[4 + 2 + HEXDUMP_WIDTH * 3 + 2 + HEXDUMP_WIDTH + 3];
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	for (int shift = 12; shift >= 0; shift -= 4)
		line[n++] = hex[(offset >> shift) & 0xF];
	line[n++] = ' ';
	for (int i = 0; i < HEXDUMP_WIDTH; i++) {
		line[n++] = ' ';
		line[n++] = hex[p[i] >> 4];
		line[n++] = hex[p[i] & 0xF];
	}
	line[n++] = ' ';
	line[n++] = ' ';
	line[n++] = '|';
	for (int i = 0; i < HEXDUMP_WIDTH; i++)
		line[n++] = p[i] >= ' ' && p[i] <= '~' ? (char)p[i] : '.';
	line[n++] = '|';
	line[n] = '\0';
	kprintf("%s\n", line);
}

/* hexdump -C style: a run of lines equal to the one before is shown as one "*". */
static int
disk_cmd_read(uint32_t lba)
{
	int err = disk_cmd_check_range(lba, 1);
	if (err)
		return err;
	err = dev_disk()->read(lba, 1, disk_cmd_buf);
	if (err)
		return disk_cmd_report("read", err);
	kprintf("disk: sector %u\n", lba);
	bool starred = false;
	for (unsigned off = 0; off < SECTOR_SIZE; off += HEXDUMP_WIDTH) {
		if (off > 0 && memcmp(disk_cmd_buf + off, disk_cmd_buf + off - HEXDUMP_WIDTH, HEXDUMP_WIDTH) == 0) {
			if (!starred)
				kprintf("*\n");
			starred = true;
			continue;
		}
		starred = false;
		disk_cmd_hexdump_line(disk_cmd_buf + off, off);
	}
	kprintf("%04x\n", SECTOR_SIZE);
	return 0;
}

/* PATTERN is a byte (a number up to 255) or a word; a word is repeated without
 * gaps over the whole range, so byte i of the range is word[i % length].
 * What starts like a number (a digit or a sign) must be one in range:
 * `disk write 0 -1` or `disk write 0 300` is a mistake, not the text. */
static int
disk_cmd_write(uint32_t lba, const char *pattern, uint32_t count)
{
	unsigned long long byte;
	char byte_pattern;
	size_t len = strlen(pattern);
	if (parse_u64(pattern, &byte) == 0) {
		if (byte > 0xFF)
			return SHELL_USAGE;
		byte_pattern = (char)byte;
		pattern = &byte_pattern;
		len = 1;
	} else if ((pattern[0] >= '0' && pattern[0] <= '9') || pattern[0] == '-' || pattern[0] == '+') {
		return SHELL_USAGE;
	}
	int err = disk_cmd_check_range(lba, count);
	if (err)
		return err;
	size_t pos = 0;
	for (uint32_t done = 0; done < count; done += DISK_CMD_CHUNK) {
		uint32_t n = count - done < DISK_CMD_CHUNK ? count - done : DISK_CMD_CHUNK;
		for (size_t i = 0; i < (size_t)n * SECTOR_SIZE; i++, pos = (pos + 1) % len)
			disk_cmd_buf[i] = (uint8_t)pattern[pos];
		err = dev_disk()->write(lba + done, n, disk_cmd_buf);
		if (err)
			return disk_cmd_report("write", err);
	}
	kprintf("disk: wrote %u sector%s at lba %u\n", count, count == 1 ? "" : "s", lba);
	return 0;
}

static int
disk_cmd_sum(uint32_t lba, uint32_t count)
{
	int err = disk_cmd_check_range(lba, count);
	if (err)
		return err;
	uint32_t crc = 0;
	for (uint32_t done = 0; done < count; done += DISK_CMD_CHUNK) {
		uint32_t n = count - done < DISK_CMD_CHUNK ? count - done : DISK_CMD_CHUNK;
		err = dev_disk()->read(lba + done, n, disk_cmd_buf);
		if (err)
			return disk_cmd_report("read", err);
		crc = crc32_update(crc, disk_cmd_buf, (size_t)n * SECTOR_SIZE);
	}
	kprintf("disk: crc32 0x%08x over %u sector%s at lba %u\n", crc, count, count == 1 ? "" : "s", lba);
	return 0;
}

static int
disk_cmd_run(int argc, char **argv)
{
	uint32_t lba, count = 1;
	if (argc == 2 && strcmp(argv[1], "info") == 0)
		return disk_cmd_info();
	if (argc < 3 || disk_cmd_parse_u32(argv[2], &lba))
		return SHELL_USAGE;
	if (argc == 3 && strcmp(argv[1], "read") == 0)
		return disk_cmd_read(lba);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "write") == 0) {
		if (argc == 5 && (disk_cmd_parse_u32(argv[4], &count) || count == 0))
			return SHELL_USAGE;
		return disk_cmd_write(lba, argv[3], count);
	}
	if (argc == 4 && strcmp(argv[1], "sum") == 0) {
		if (disk_cmd_parse_u32(argv[3], &count) || count == 0)
			return SHELL_USAGE;
		return disk_cmd_sum(lba, count);
	}
	return SHELL_USAGE;
}
SHELL_COMMAND(disk, "disk",
	"disk info | disk read LBA | disk write LBA PATTERN [COUNT] | disk sum LBA COUNT",
	"disk info; read (hex dump), write (PATTERN: a byte 0-255/0xNN or a word, repeated), sum (CRC-32)",
	disk_cmd_run);
