/* The devices' costs per driver mode. Exits are the hypervisor's own count
 * (HC_STATS) before and after each part; the timer's exits fall in too, so
 * a figure is an upper bound that the long parts keep small. */
#include "guestos/shell/driver_measure.h"
#include "guestos/dev/dev.h"
#include "guestos/dev/dualmode.h"
#include "guestos/hvload/hypercall.h"
#include "guestos/hvload/launch.h"
#include "guestos/shell/report.h"
#include "hv/abi.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define DRIVER_MEASURE_LINES 16
#define DRIVER_MEASURE_LINE 64	/* bytes per console line, '\n' included */
#define DRIVER_MEASURE_BYTES (DRIVER_MEASURE_LINES * DRIVER_MEASURE_LINE)
#define DRIVER_MEASURE_SECTORS 64
#define DRIVER_MEASURE_LBA 5000

static uint8_t wrote[DRIVER_MEASURE_SECTORS * SECTOR_SIZE];
static uint8_t got[DRIVER_MEASURE_SECTORS * SECTOR_SIZE];

/* RETURNS: the hypervisor's exit count so far, 0 when it is off. */
static uint64_t
driver_measure_exits(void)
{
	static struct hv_stats stats;
	if (!launch_is_on() || hypercall(HC_STATS, (uint64_t)&stats, sizeof(stats), 0))
		return 0;
	return stats.exits;
}

static const char *
driver_measure_mode(void)
{
	if (!launch_is_on())
		return "native";
	enum dualmode_mode c = dualmode_get(DUALMODE_CONSOLE), d = dualmode_get(DUALMODE_DISK);
	return c == d ? dualmode_mode_name(c) : "mixed";
}

static void
driver_measure_uart(void)
{
	char line[DRIVER_MEASURE_LINE + 1];
	for (int l = 0; l < DRIVER_MEASURE_LINES; l++) {
		for (int i = 0; i < DRIVER_MEASURE_LINE - 1; i++)
			line[i] = (char)('a' + (l + i) % 26);
		line[DRIVER_MEASURE_LINE - 1] = '\n';
		line[DRIVER_MEASURE_LINE] = '\0';
		kprintf("%s", line);
	}
	console_flush();
}

/* RETURNS: 0 with *lost = sectors that came back different; or the driver's errno. */
static int
driver_measure_disk(unsigned *lost)
{
	const struct blockdev_ops *disk = dev_disk();
	uint8_t seed = (uint8_t)rdtsc();
	for (size_t i = 0; i < sizeof(wrote); i++)
		wrote[i] = (uint8_t)(seed + i * 7 + i / SECTOR_SIZE);
	int err = disk->write(DRIVER_MEASURE_LBA, DRIVER_MEASURE_SECTORS, wrote);
	if (!err)
		err = disk->read(DRIVER_MEASURE_LBA, DRIVER_MEASURE_SECTORS, got);
	*lost = 0;
	for (int s = 0; !err && s < DRIVER_MEASURE_SECTORS; s++)
		*lost += memcmp(wrote + s * SECTOR_SIZE, got + s * SECTOR_SIZE, SECTOR_SIZE) != 0;
	return err;
}

/* Prints a ratio with two decimals: exits per byte are often below 1. */
static void
driver_measure_ratio(char *out, size_t size, uint64_t num, uint64_t den)
{
	uint64_t hundredths = num * 100 / den;
	ksnprintf(out, size, "%lu.%02lu", hundredths / 100, hundredths % 100);
}

int
driver_measure(void)
{
	uint64_t e0 = driver_measure_exits(), t0 = rdtsc();
	driver_measure_uart();
	uint64_t e1 = driver_measure_exits(), t1 = rdtsc();
	unsigned lost;
	int err = driver_measure_disk(&lost);
	uint64_t e2 = driver_measure_exits(), t2 = rdtsc();
	if (err) {
		kprintf("devices: disk failed: %s\n", errno_name(err));
		return err;
	}
	char per_byte[24], per_sector[24];
	driver_measure_ratio(per_byte, sizeof(per_byte), e1 - e0, DRIVER_MEASURE_BYTES);
	driver_measure_ratio(per_sector, sizeof(per_sector), e2 - e1, 2 * DRIVER_MEASURE_SECTORS);
	const char *mode = driver_measure_mode();
	kprintf("devices: mode=%s uart_bytes=%u uart_cost=%lu ide_sectors=%u disk_cost=%lu exits_per_byte=%s "
		"exits_per_sector=%s lost=%u\n",
		mode, DRIVER_MEASURE_BYTES, t1 - t0, 2 * DRIVER_MEASURE_SECTORS, t2 - t1, per_byte, per_sector, lost);
	report_kv("mode", "%s", mode);
	report_kv("uart_bytes", "%u", DRIVER_MEASURE_BYTES);
	report_kv("ide_sectors", "%u", 2 * DRIVER_MEASURE_SECTORS);
	report_kv("exits_per_byte", "%s", per_byte);
	report_kv("exits_per_sector", "%s", per_sector);
	report_kv("uart_cost", "%lu", t1 - t0);
	report_kv("disk_cost", "%lu", t2 - t1);
	report_kv("lost", "%u", lost);
	return lost ? -EIO : 0;
}
