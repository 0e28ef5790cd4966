/* Shell commands for the hypervisor: hv load|on|off|unload|status|check|probe|crash|cycle.
 * `hv on` hands the live CPU state to the image's entry through
 * hv_trampoline.S; `hv off` asks for it back with a hypercall. */
#include "guestos/cpu/fault_catch.h"
#include "guestos/cpu/regs_try.h"
#include "guestos/dev/dev.h"
#include "guestos/hvload/loader.h"
#include "guestos/hvload/probe.h"
#include "guestos/mm/pmm.h"
#include "guestos/shell/report.h"
#include "guestos/shell/shell.h"
#include "hv/abi.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

int hv_trampoline(struct hv_launch *l, uint64_t entry);

static bool interposed;
/* Firmware left IA32_FEATURE_CONTROL unlocked and a successful `hv on`
 * locked it: the one change that outlives `hv off` (docs/exactness.md). */
static bool feature_control_locked;
static struct hv_launch launch;
static struct hv_stats stats;
/* The free-page count before the loaded image was loaded: unload must give it back. */
static uint64_t free_before_load;

/* The state only C reads easily; hv_trampoline.S adds the rest. */
static void
capture_state(struct hv_cpu_state *s)
{
	struct desc_ptr gdtr, idtr;
	memset(s, 0, sizeof(*s));
	s->cr0 = read_cr0();
	s->cr3 = read_cr3();
	s->cr4 = read_cr4();
	s->efer = rdmsr(MSR_EFER);
	s->pat = rdmsr(MSR_PAT);
	s->fs_base = rdmsr(MSR_FS_BASE);
	s->gs_base = rdmsr(MSR_GS_BASE);
	s->kernel_gs_base = rdmsr(MSR_KERNEL_GS_BASE);
	sgdt(&gdtr);
	sidt(&idtr);
	s->gdtr_base = gdtr.base;
	s->gdtr_limit = gdtr.limit;
	s->idtr_base = idtr.base;
	s->idtr_limit = idtr.limit;
	s->tr = str();
	s->ldtr = sldt();
	s->dr7 = read_dr7();
	/* 0 where the MSR does not exist (Bochs): what the hypervisor then leaves it. */
	if (regs_try_read(REGS_MSR, MSR_DEBUGCTL, &s->debugctl) != FAULT_NONE)
		s->debugctl = 0;
}

/* RETURNS: 0 when interposed; a negative errno after printing why not. */
static int
hv_on(uint32_t flags, bool quiet)
{
	if (!hv_is_loaded()) {
		kprintf("hv: no image loaded (hv load first)\n");
		return -ENOENT;
	}
	if (interposed) {
		kprintf("hv: already on\n");
		return -EBUSY;
	}
	memset(&launch, 0, sizeof(launch));
	launch.abi_version = HV_ABI_VERSION;
	launch.flags = flags;
	launch.phys_base = hv_loaded_base();
	launch.phys_size = hv_loaded_size();
	capture_state(&launch.state);
	uint64_t fc = 0;
	bool fc_unlocked = regs_try_read(REGS_MSR, MSR_FEATURE_CONTROL, &fc) == FAULT_NONE && !(fc & 1);
	uint64_t t0 = rdtsc();
	int err = hv_trampoline(&launch, hv_loaded_entry());
	uint64_t t1 = rdtsc();
	if (err) {
		kprintf("hv: on failed: %s (%s); still native\n", launch.reason, errno_name(err));
		return err == -EINVAL ? -EIO : err;
	}
	interposed = true;
	feature_control_locked |= fc_unlocked;
	if (!quiet) {
		kprintf("hv: on: interposed in %lu TSC ticks\n", t1 - t0);
		report_kv("interpose_tsc", "%lu", t1 - t0);
	}
	return 0;
}

static int
hv_off(bool quiet)
{
	if (!interposed) {
		kprintf("hv: not on\n");
		return -ENOENT;
	}
	uint64_t t0 = rdtsc();
	int64_t err = vmcall(HC_DEVIRTUALIZE, 0, 0, 0);
	uint64_t t1 = rdtsc();
	if (err) {
		kprintf("hv: off failed: %s\n", errno_name((int)err));
		return (int)err;
	}
	interposed = false;
	if (!quiet) {
		kprintf("hv: off: native again in %lu TSC ticks\n", t1 - t0);
		report_kv("devirtualize_tsc", "%lu", t1 - t0);
	}
	return 0;
}

static int
hv_status(void)
{
	if (!hv_is_loaded()) {
		kprintf("hv: not loaded\n");
		return 0;
	}
	kprintf("hv: image \"%s\" at %lx, %lu KiB, %s\n", hv_loaded_name(), hv_loaded_base(),
		hv_loaded_size() / 1024, interposed ? "on" : "off");
	if (feature_control_locked)
		kprintf("hv: IA32_FEATURE_CONTROL was unlocked and hv on locked it: visible until reset\n");
	if (!interposed)
		return 0;
	int64_t version = vmcall(HC_VERSION, 0, 0, 0);
	int64_t err = vmcall(HC_STATS, (uint64_t)&stats, sizeof(stats), 0);
	if (err) {
		kprintf("hv: stats hypercall failed: %s\n", errno_name((int)err));
		return (int)err;
	}
	kprintf("hv: abi %ld, interpose #%lu took %lu TSC ticks\n", version, stats.interposes, stats.tsc_interpose);
	kprintf("hv: %lu exits, %lu TSC ticks in the hypervisor\n", stats.exits, stats.tsc_in_hv);
	report_kv("exits", "%lu", stats.exits);
	report_kv("hv_tsc", "%lu", stats.tsc_in_hv);
	for (int i = 0; i < HV_STATS_REASONS; i++)
		if (stats.exit_reason[i])
			kprintf("hv:   exit reason %d: %lu\n", i, stats.exit_reason[i]);
	for (int v = 0; v < HV_STATS_VECTORS; v++)
		if (stats.interrupt_vector[v])
			kprintf("hv:   interrupt vector %d: %lu\n", v, stats.interrupt_vector[v]);
	return 0;
}

/* Hypercalls with bad arguments must fail cleanly and leave the guest
 * running: each line says what was asked, what came back and what should. */
static int
hv_check(void)
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
		{ "unknown hypercall", 0x7777, 0, 0, -ENOSYS },
	};
	if (!interposed) {
		kprintf("hv: not on\n");
		return -ENOENT;
	}
	int bad = 0;
	for (unsigned i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		int64_t got = vmcall(calls[i].nr, calls[i].a1, calls[i].a2, 0);
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
hv_crash(void)
{
	if (!interposed) {
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
 * RETURNS: hv_unload's result (it printed why when not 0). */
static int
unload_counting_leak(uint64_t *leaked)
{
	uint64_t base = hv_loaded_base(), pages = hv_loaded_size() / PAGE_SIZE;
	int err = hv_unload();
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
hv_cycle(const char *count)
{
	unsigned long long n;
	if (parse_u64(count, &n) != 0 || n == 0 || n > HV_CYCLE_MAX)
		return -EINVAL;
	if (hv_is_loaded()) {
		kprintf("hv: cycle needs no image loaded\n");
		return -EBUSY;
	}
	uint64_t before = pmm_free_pages(), leaked = 0;
	unsigned long long done = 0;
	int err = 0;
	bool stopped = false;
	for (; done < n && !err && !(stopped = key_pressed()); done++) {
		err = hv_load(HV_DEFAULT_MODULE);
		if (!err && !(err = hv_on(0, true)))
			err = hv_off(true);
		if (hv_is_loaded())
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
hv_report_unload(uint64_t leaked)
{
	uint64_t after = pmm_free_pages();
	kprintf("hv: unloaded, free pages %lu\n", after);
	report_kv("free_before_load", "%lu", free_before_load);
	report_kv("free_after_unload", "%lu", after);
	report_kv("leaked_pages", "%lu", leaked);
}

static int
hv_unload_cmd(void)
{
	if (interposed) {
		kprintf("hv: still on; hv off first\n");
		return -EBUSY;
	}
	if (!hv_is_loaded()) {
		kprintf("hv: not loaded\n");
		return -ENOENT;
	}
	uint64_t leaked = 0;
	int err = unload_counting_leak(&leaked);
	hv_report_unload(leaked);
	return err;
}

static int
hv_cmd(int argc, char **argv)
{
	if (argc < 2)
		return -EINVAL;
	const char *op = argv[1];
	if (strcmp(op, "load") == 0 && argc <= 3) {
		uint64_t free_before = pmm_free_pages();
		int err = hv_load(argc == 3 ? argv[2] : HV_DEFAULT_MODULE);
		if (!err)
			kprintf("hv: loaded \"%s\" at %lx, %lu KiB, free pages %lu\n", hv_loaded_name(),
				hv_loaded_base(), hv_loaded_size() / 1024, pmm_free_pages());
		if (!err) {
			free_before_load = free_before;
			report_kv("reserved_pages", "%lu", hv_loaded_size() / PAGE_SIZE);
			report_kv("base", "0x%lx", hv_loaded_base());
			report_kv("free_pages", "%lu", pmm_free_pages());
		}
		/* The loader printed why; -EINVAL would make the shell print the usage too. */
		return err == -EINVAL ? -ENOEXEC : err;
	}
	if (strcmp(op, "on") == 0 && argc == 2)
		return hv_on(0, false);
	if (strcmp(op, "on") == 0 && argc == 3 && strcmp(argv[2], "bad-entry") == 0)
		return hv_on(HV_LAUNCH_FORCE_BAD_ENTRY, false);
	if (strcmp(op, "on") == 0 && argc == 3 && strcmp(argv[2], "bad-host") == 0)
		return hv_on(HV_LAUNCH_FORCE_BAD_HOST, false);
	if (strcmp(op, "off") == 0 && argc == 2)
		return hv_off(false);
	if (strcmp(op, "unload") == 0 && argc == 2) {
		return hv_unload_cmd();
	}
	if (strcmp(op, "status") == 0 && argc == 2)
		return hv_status();
	if (strcmp(op, "probe") == 0 && argc == 2) {
		hv_probe();
		return 0;
	}
	if (strcmp(op, "crash") == 0 && argc == 2)
		return hv_crash();
	if (strcmp(op, "check") == 0 && argc == 2)
		return hv_check();
	if (strcmp(op, "cycle") == 0 && argc == 3)
		return hv_cycle(argv[2]);
	return -EINVAL;
}

SHELL_COMMAND(hv, "hv", "hv load [MODULE] | on [bad-entry|bad-host] | off | unload | status | check | probe | crash | cycle N (N <= 10000, a key stops it)",
	      "load, interpose, devirtualize and unload the hypervisor", hv_cmd);
