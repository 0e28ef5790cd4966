/* Driver modes. A switch always passes through direct, so each mode only
 * needs to know how to start from, and return to, the OS's own driver. */
#include "guestos/dev/dualmode.h"
#include "guestos/dev/hvcons.h"
#include "guestos/dev/hvdisk.h"
#include "guestos/cpu/trap.h"
#include "guestos/hvload/hypercall.h"
#include "guestos/hvload/launch.h"
#include "hv/abi.h"
#include "kernel/errno.h"
#include "kernel/x86.h"

static enum dualmode_mode modes[DUALMODE_DEVS];

static const uint64_t dev_mask[DUALMODE_DEVS] = { [DUALMODE_CONSOLE] = HV_DEV_UART, [DUALMODE_DISK] = HV_DEV_IDE };

enum dualmode_mode
dualmode_get(enum dualmode_dev dev)
{
	return modes[dev];
}

const char *
dualmode_dev_name(enum dualmode_dev dev)
{
	return dev == DUALMODE_CONSOLE ? "console" : "disk";
}

const char *
dualmode_mode_name(enum dualmode_mode mode)
{
	static const char *const names[DUALMODE_MODES] = { "direct", "emulated", "hypercall" };
	return names[mode];
}

static bool
dualmode_has_hypercall_io(void)
{
	uint32_t a, b, c, d;
	cpuid(HV_CPUID_FEATURES, 0, &a, &b, &c, &d);
	return a & HV_FEATURE_HYPERCALL_IO;
}

static int
dualmode_leave(enum dualmode_dev dev)
{
	switch (modes[dev]) {
	case DUALMODE_EMULATED:
		return dualmode_emulate((uint32_t)dev_mask[dev], false);
	case DUALMODE_HYPERCALL:
		return dev == DUALMODE_CONSOLE ? hvcons_disable() : hvdisk_disable();
	default:
		return 0;
	}
}

static int
dualmode_enter(enum dualmode_dev dev, enum dualmode_mode mode)
{
	switch (mode) {
	case DUALMODE_EMULATED:
		return dualmode_emulate((uint32_t)dev_mask[dev], true);
	case DUALMODE_HYPERCALL:
		if (!dualmode_has_hypercall_io())
			return -ENOSYS;
		return dev == DUALMODE_CONSOLE ? hvcons_enable() : hvdisk_enable();
	default:
		return 0;
	}
}

int
dualmode_set(enum dualmode_dev dev, enum dualmode_mode mode)
{
	if (modes[dev] == mode)
		return 0;
	if (mode != DUALMODE_DIRECT && !launch_is_on())
		return -ENOENT;
	int err = dualmode_leave(dev);
	if (err)
		return err;
	modes[dev] = DUALMODE_DIRECT;
	err = dualmode_enter(dev, mode);
	if (!err)
		modes[dev] = mode;
	return err;
}

int
dualmode_all_direct(void)
{
	for (int dev = 0; dev < DUALMODE_DEVS; dev++) {
		int err = dualmode_set(dev, DUALMODE_DIRECT);
		if (err)
			return err;
	}
	return 0;
}

int
dualmode_emulate(uint32_t which, bool on)
{
	/* Static: struct hv_stats is too large for a kernel stack. */
	static struct hv_stats stats;
	int64_t err = hypercall(HC_STATS, (uint64_t)&stats, sizeof(stats), 0);
	uint32_t now = 0;
	for (int d = 0; !err && d < 2; d++)
		if (stats.dev[d].owner)
			now |= 1u << d;
	if (!err)
		err = hypercall(HC_EMULATE, on ? now | which : now & ~which, TRAP_IRQ_BASE, TRAP_IRQ_BASE + 8);
	return (int)err;
}
