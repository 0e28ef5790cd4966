/* Shell commands for the hypervisor: hv load|on|off|unload|status|check|probe|crash|cycle.
 * The launch protocol itself is guestos/hvload/launch.c; these print what
 * it did and the report lines. */
#include "guestos/dev/dev.h"
#include "guestos/dev/dualmode.h"
#include "guestos/hvload/hypercall.h"
#include "guestos/hvload/launch.h"
#include "guestos/hvload/loader.h"
#include "guestos/hvload/probe.h"
#include "guestos/cpu/trap.h"
#include "guestos/mm/pmm.h"
#include "guestos/shell/report.h"
#include "guestos/shell/shell.h"
#include "hv/abi.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

static struct hv_stats stats;
/* The free-page count before the loaded image was loaded: unload must give it back. */
static uint64_t free_before_load;

static int
hvcmd_on(uint32_t flags, bool quiet)
{
	uint64_t tsc;
	int err = launch_on(flags, &tsc);
	if (!err && !quiet) {
		kprintf("hv: on: interposed in %lu TSC ticks\n", tsc);
		report_kv("interpose_tsc", "%lu", tsc);
	}
	return err;
}

static int
hvcmd_off(bool quiet)
{
	uint64_t tsc;
	int err = launch_off(&tsc);
	if (!err && !quiet) {
		kprintf("hv: off: native again in %lu TSC ticks\n", tsc);
		report_kv("devirtualize_tsc", "%lu", tsc);
	}
	return err;
}

static const char *const dev_owners[] = { "os", "hypervisor", "waiting" };

/* One line per device: who owns it and what trap and emulate cost. */
static void
hvcmd_devices(const struct hv_stats *s)
{
	static const char *const names[2] = { "uart", "ide" };
	static const unsigned irqs[2] = { 4, 14 };
	static const char *const units[2] = { "bytes", "sectors" };
	for (int d = 0; d < 2; d++) {
		const struct hv_dev_stats *v = &s->dev[d];
		kprintf("hv: %s owner=%s mode=%s port_exits=%lu %s=%lu irq%u taken=%lu injected=%lu switches=%lu\n",
			names[d], v->owner < 3 ? dev_owners[v->owner] : "?", v->owner == 1 ? "emulated" : "native",
			v->port_exits, units[d], v->units, irqs[d], v->irq_taken, v->irq_injected, v->switches);
	}
}

static int
hvcmd_status(void)
{
	if (!loader_is_loaded()) {
		kprintf("hv: not loaded\n");
		return 0;
	}
	kprintf("hv: image \"%s\" at %lx, %lu KiB, %s\n", loader_name(), loader_base(),
		loader_size() / 1024, launch_is_on() ? "on" : "off");
	if (launch_has_locked_feature_control())
		kprintf("hv: IA32_FEATURE_CONTROL was unlocked and hv on locked it: visible until reset\n");
	if (!launch_is_on())
		return 0;
	int64_t version = hypercall(HC_VERSION, 0, 0, 0);
	int64_t err = hypercall(HC_STATS, (uint64_t)&stats, sizeof(stats), 0);
	if (err) {
		kprintf("hv: stats hypercall failed: %s\n", errno_name((int)err));
		return (int)err;
	}
	kprintf("hv: abi %ld, interpose #%lu took %lu TSC ticks\n", version, stats.interposes, stats.tsc_interpose);
	kprintf("hv: %lu exits, %lu TSC ticks in the hypervisor\n", stats.exits, stats.tsc_in_hv);
	report_kv("exits", "%lu", stats.exits);
	report_kv("hv_tsc", "%lu", stats.tsc_in_hv);
	static const char *const mem_modes[] = { [HV_MEM_SHADOW] = "shadow", [HV_MEM_NONE] = "none", [HV_MEM_EPT] = "ept", [HV_MEM_VTLB] = "vtlb" };
	const struct hv_mem_stats *m = &stats.mem;
	kprintf("hv: memory %s: %lu fills, %lu guest faults, %lu refused, %lu flushes, %lu invlpg, pool %lu/%lu free, %lu cache hits, %lu zaps\n",
		m->mode < 4 ? mem_modes[m->mode] : "?", m->fills, m->guest_faults, m->refused, m->flushes, m->invlpgs,
		m->pool_free, m->pool_size, m->cache_hits, m->zaps);
	report_kv("fills", "%lu", m->fills);
	report_kv("zaps", "%lu", m->zaps);
	const struct hv_hcdev_stats *d = &stats.hcdev;
	kprintf("hv: devices: uart owned by %s, ide owned by %s; uart irqs %lu taken, %lu forwarded; console %lu out %lu in; disk %lu requests %lu sectors; %lu refused\n",
		d->owned & HV_DEV_UART ? "hv" : "os", d->owned & HV_DEV_IDE ? "hv" : "os", d->uart_irqs_taken,
		d->uart_irqs_forwarded, d->console_out, d->console_in, d->disk_requests, d->disk_sectors, d->refused);
	static const char *const names[HV_EVENTS] = HV_EVENT_NAMES;
	for (int i = 0; i < HV_EVENTS_MAX; i++) {
		if (!stats.event[i])
			continue;
		if (i < HV_EVENTS)
			kprintf("hv:   event %s: %lu\n", names[i], stats.event[i]);
		else
			kprintf("hv:   event %d: %lu\n", i, stats.event[i]);
	}
	for (int v = 0; v < HV_STATS_VECTORS; v++)
		if (stats.interrupt_vector[v])
			kprintf("hv:   interrupt vector %d: %lu\n", v, stats.interrupt_vector[v]);
	hvcmd_devices(&stats);
	return 0;
}

/* hv emulate on [uart|ide] | off [uart|ide]: which devices the hypervisor owns. */
static int
hvcmd_emulate(int argc, char **argv)
{
	uint32_t which = HV_DEV_UART | HV_DEV_IDE;
	if (argc == 4 && strcmp(argv[3], "uart") == 0)
		which = HV_DEV_UART;
	else if (argc == 4 && strcmp(argv[3], "ide") == 0)
		which = HV_DEV_IDE;
	else if (argc != 3)
		return SHELL_USAGE;
	bool on = strcmp(argv[2], "on") == 0;
	if (!on && strcmp(argv[2], "off") != 0)
		return SHELL_USAGE;
	if (!launch_is_on()) {
		kprintf("hv: emulate needs the hypervisor on\n");
		return -ENOENT;
	}
	int64_t err = dualmode_emulate(which, on);
	if (!err)
		err = hypercall(HC_STATS, (uint64_t)&stats, sizeof(stats), 0);
	if (err == -EBUSY) {
		/* Only the disk refuses, before anything changed (hv/emulate.c). */
		kprintf("hv: emulate off failed: EBUSY: the disk is in a command's data phase; "
			"still emulated, finish the transfer and try again\n");
		return (int)err;
	}
	if (err) {
		kprintf("hv: emulate %s failed: %s\n", argv[2], errno_name((int)err));
		return (int)err;
	}
	kprintf("hv: emulate: uart owner=%s, ide owner=%s\n", dev_owners[stats.dev[0].owner % 3],
		dev_owners[stats.dev[1].owner % 3]);
	return 0;
}

/* Hypercalls with bad arguments must fail cleanly and leave the guest
 * running: each line says what was asked, what came back and what should. */
static int
hvcmd_check(void)
{
	static const struct {
		const char *what;
		uint64_t nr, a1, a2;
		int64_t want;
	} calls[] = {
		{ "HC_VERSION", HC_VERSION, 0, 0, HV_ABI_VERSION },
		{ "HC_STATS null pointer", HC_STATS, 0, sizeof(struct hv_stats), -EFAULT },
		{ "HC_STATS short buffer", HC_STATS, 0x200000, 8, -EINVAL },
		{ "HC_STATS huge length", HC_STATS, 0x200000, ~0ULL, -EINVAL },
		{ "HC_STATS non-canonical", HC_STATS, 0x0000800000000000ULL, sizeof(struct hv_stats), -EFAULT },
		{ "HC_STATS into the hypervisor", HC_STATS, HV_LINK_BASE, sizeof(struct hv_stats), -EFAULT },
		{ "HC_STATS unmapped user page", HC_STATS, 0x0000009000000000ULL, sizeof(struct hv_stats), -EFAULT },
		{ "HC_CONSOLE_WRITE null pointer", HC_CONSOLE_WRITE, 0, 16, -EFAULT },
		{ "HC_CONSOLE_WRITE empty", HC_CONSOLE_WRITE, 0x200000, 0, -EINVAL },
		{ "HC_CONSOLE_WRITE huge length", HC_CONSOLE_WRITE, 0x200000, HC_CONSOLE_MAX + 1, -EINVAL },
		{ "HC_CONSOLE_WRITE from the hypervisor", HC_CONSOLE_WRITE, HV_LINK_BASE, 16, -EFAULT },
		{ "HC_CONSOLE_READ non-canonical", HC_CONSOLE_READ, 0x0000800000000000ULL, 16, -EFAULT },
		{ "HC_DISK_IO misaligned request", HC_DISK_IO, 0x200004, 0, -EINVAL },
		{ "HC_DISK_IO request in the hypervisor", HC_DISK_IO, HV_LINK_BASE, 0, -EFAULT },
		{ "HC_DEVICE_OWN unknown device", HC_DEVICE_OWN, 1u << 5, 1, -EINVAL },
		{ "HC_DEVICE_OWN UART on an exception vector", HC_DEVICE_OWN, HV_DEV_UART, 1, -EINVAL },
		{ "unknown hypercall", 0x7777, 0, 0, -ENOSYS },
	};
	if (!launch_is_on()) {
		kprintf("hv: not on\n");
		return -ENOENT;
	}
	int bad = 0;
	for (unsigned i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		int64_t got = hypercall(calls[i].nr, calls[i].a1, calls[i].a2, 0);
		bool ok = got == calls[i].want;
		bad += !ok;
		kprintf("hv check: %s -> %ld (%s)%s\n", calls[i].what, got, got < 0 ? errno_name((int)got) : "value",
			ok ? "" : " UNEXPECTED");
	}
	kprintf("hv check: %s\n", bad ? "FAIL" : "PASS");
	return bad ? -EIO : 0;
}

/* Makes the guest triple-fault under the hypervisor (empty IDT, then #UD),
 * to see hv_panic's report and controlled power-off. Natively the same
 * would reset the machine, so it needs the hypervisor on. */
static int
hvcmd_crash(void)
{
	if (!launch_is_on()) {
		kprintf("hv: crash needs the hypervisor on\n");
		return -ENOENT;
	}
	kprintf("hv: crash: empty IDT, then #UD: the guest triple-faults\n");
	console_flush();
	struct desc_ptr none = { 0, 0 };
	cli();
	lidt(&none);
	__builtin_trap();
}

/* Unloads; *leaked: the pages of the block that stay allocated, the
 * hypervisor's own leak whatever tasks ran meanwhile.
 * RETURNS: loader_unload's result (it printed why when not 0). */
static int
unload_counting_leak(uint64_t *leaked)
{
	uint64_t base = loader_base(), pages = loader_size() / PAGE_SIZE;
	int err = loader_unload();
	*leaked += pmm_count_allocated(base, pages);
	return err;
}

/* A million cycles take about 18 hours in Bochs: at most HV_CYCLE_MAX, and
 * any key stops the run between two cycles. */
#define HV_CYCLE_MAX 10000

static bool
key_pressed(void)
{
	char c;
	return dev_console() && dev_console()->read(&c, 1) > 0;
}

static int
hvcmd_cycle(const char *count, uint32_t flags)
{
	unsigned long long n;
	if (parse_u64(count, &n) != 0 || n == 0 || n > HV_CYCLE_MAX)
		return SHELL_USAGE;
	if (loader_is_loaded()) {
		kprintf("hv: cycle needs no image loaded\n");
		return -EBUSY;
	}
	uint64_t before = pmm_free_pages(), leaked = 0;
	unsigned long long done = 0;
	int err = 0;
	bool stopped = false;
	for (; done < n && !err && !(stopped = key_pressed()); done++) {
		err = loader_load(LOADER_DEFAULT_MODULE);
		if (!err && !(err = hvcmd_on(flags, true)))
			err = hvcmd_off(true);
		if (loader_is_loaded())
			unload_counting_leak(&leaked);
	}
	if (err)
		done--;
	uint64_t after = pmm_free_pages();
	if (stopped)
		kprintf("hv: cycle: stopped by a key\n");
	kprintf("hv: cycle: %llu of %llu cycles, free pages before %lu after %lu, leaked %lu\n", done, n, before, after,
		leaked);
	report_kv("cycles", "%llu", done);
	report_kv("leaked_pages", "%lu", leaked);
	return err;
}

static void
hvcmd_report_unload(uint64_t leaked)
{
	uint64_t after = pmm_free_pages();
	kprintf("hv: unloaded, free pages %lu\n", after);
	report_kv("free_before_load", "%lu", free_before_load);
	report_kv("free_after_unload", "%lu", after);
	report_kv("leaked_pages", "%lu", leaked);
}

static int
hvcmd_unload(void)
{
	if (launch_is_on()) {
		kprintf("hv: still on; hv off first\n");
		return -EBUSY;
	}
	if (!loader_is_loaded()) {
		kprintf("hv: not loaded\n");
		return -ENOENT;
	}
	uint64_t leaked = 0;
	int err = unload_counting_leak(&leaked);
	hvcmd_report_unload(leaked);
	return err;
}

/* RETURNS: the HV_MEM_* memory interposition named `name`, or -1. */
static int
hvcmd_mem_mode(const char *name)
{
	if (strcmp(name, "shadow") == 0)
		return HV_MEM_SHADOW;
	if (strcmp(name, "none") == 0)
		return HV_MEM_NONE;
	if (strcmp(name, "ept") == 0)
		return HV_MEM_EPT;
	if (strcmp(name, "vtlb") == 0)
		return HV_MEM_VTLB;
	return -1;
}

static int
hvcmd_main(int argc, char **argv)
{
	if (argc < 2)
		return SHELL_USAGE;
	const char *op = argv[1];
	if (strcmp(op, "load") == 0 && argc <= 3) {
		uint64_t free_before = pmm_free_pages();
		int err = loader_load(argc == 3 ? argv[2] : LOADER_DEFAULT_MODULE);
		if (!err)
			kprintf("hv: loaded \"%s\" at %lx, %lu KiB, free pages %lu\n", loader_name(),
				loader_base(), loader_size() / 1024, pmm_free_pages());
		if (!err) {
			free_before_load = free_before;
			report_kv("reserved_pages", "%lu", loader_size() / PAGE_SIZE);
			report_kv("base", "0x%lx", loader_base());
			report_kv("free_pages", "%lu", pmm_free_pages());
		}
		return err;
	}
	if (strcmp(op, "on") == 0 && argc == 2)
		return hvcmd_on(0, false);
	if (strcmp(op, "on") == 0 && argc == 3 && hvcmd_mem_mode(argv[2]) >= 0)
		return hvcmd_on((uint32_t)hvcmd_mem_mode(argv[2]) << HV_LAUNCH_MEM_SHIFT, false);
	if (strcmp(op, "on") == 0 && argc == 3 && strcmp(argv[2], "bad-entry") == 0)
		return hvcmd_on(HV_LAUNCH_FORCE_BAD_ENTRY, false);
	if (strcmp(op, "on") == 0 && argc == 3 && strcmp(argv[2], "bad-host") == 0)
		return hvcmd_on(HV_LAUNCH_FORCE_BAD_HOST, false);
	if (strcmp(op, "on") == 0 && argc == 3 && strcmp(argv[2], "bad-vmxon") == 0)
		return hvcmd_on(HV_LAUNCH_FORCE_BAD_VMXON, false);
	if (strcmp(op, "off") == 0 && argc == 2)
		return hvcmd_off(false);
	if (strcmp(op, "unload") == 0 && argc == 2) {
		return hvcmd_unload();
	}
	if (strcmp(op, "status") == 0 && argc == 2)
		return hvcmd_status();
	if (strcmp(op, "probe") == 0 && argc == 2) {
		probe_run();
		return 0;
	}
	if (strcmp(op, "crash") == 0 && argc == 2)
		return hvcmd_crash();
	if (strcmp(op, "check") == 0 && argc == 2)
		return hvcmd_check();
	if (strcmp(op, "cycle") == 0 && argc == 3)
		return hvcmd_cycle(argv[2], 0);
	if (strcmp(op, "cycle") == 0 && argc == 4 && hvcmd_mem_mode(argv[3]) >= 0)
		return hvcmd_cycle(argv[2], (uint32_t)hvcmd_mem_mode(argv[3]) << HV_LAUNCH_MEM_SHIFT);
	if (strcmp(op, "emulate") == 0)
		return hvcmd_emulate(argc, argv);
	return SHELL_USAGE;
}

SHELL_COMMAND(hv, "hv", "hv load [MODULE] | on [shadow|vtlb|none|ept|bad-entry|bad-host|bad-vmxon] | off | unload | status | check | probe | crash | cycle N [MODE] (N <= 10000, a key stops it) | emulate on|off [uart|ide]",
	      "load, interpose, devirtualize and unload the hypervisor", hvcmd_main);
