/* Shell command `attack NAME | all`: the isolation suite. Each attack is
 * something the OS could do to reach the hypervisor's memory or
 * its VMX, from ring 0 and (user-*) from ring 3 (guestos/user/attacks.c); each
 * prints one line: blocked (and how) or THROUGH. The witness is
 * the hypervisor's own checksum of its image (HC_CHECKSUM) before and after.
 * Writes aim at the image header's checksum field, which nothing reads once
 * loaded, so under `hv on none` what gets through does no harm. */
#include "guestos/cpu/catch.h"
#include "guestos/cpu/irq.h"
#include "guestos/cpu/trap.h"
#include "guestos/hvload/hypercall.h"
#include "guestos/hvload/loader.h"
#include "guestos/mm/paging.h"
#include "guestos/mm/pmm.h"
#include "guestos/shell/report.h"
#include "guestos/shell/shell.h"
#include "guestos/task/task.h"
#include "guestos/user/attacks.h"
#include "guestos/user/programs.h"
#include "hv/abi.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define MARK 0xBADC0FFEE0DDF00DULL
#define HEADER_CHECKSUM_OFF 56	/* struct hv_image_header: checksum, reserved */
#define ATTACK_VA 0xFFFFFFFFC0000000ULL	/* in PML4[511], below nothing the loader maps */
#define ATTACK_PML4 300		/* an entry no address space uses */
#define MSR_IA32_FEATURE_CONTROL 0x3A
#define MSR_IA32_VMX_BASIC 0x480

/* RETURNS: true when the hypervisor answers CPUID leaf 0x40000000. */
static bool
hv_is_on(void)
{
	uint32_t a, b, c, d;
	char sig[13];
	cpuid(HV_CPUID_BASE, 0, &a, &b, &c, &d);
	memcpy(sig, &b, 4);
	memcpy(sig + 4, &c, 4);
	memcpy(sig + 8, &d, 4);
	sig[12] = 0;
	return strcmp(sig, HV_CPUID_SIGNATURE) == 0;
}

/* RETURNS: the HV_MEM_* memory interposition the hypervisor runs with. */
static uint64_t
hv_memory_mode(void)
{
	static struct hv_stats stats;
	return hypercall(HC_STATS, (uint64_t)&stats, sizeof(stats), 0) == 0 ? stats.mem.mode : HV_MEM_NONE;
}

/* What one attack saw: 0 = blocked (`how` says by what), 1 = through. */
struct outcome {
	int through;
	char how[64];
};

static void
caught(struct outcome *o)
{
	o->through = 0;
	ksnprintf(o->how, sizeof(o->how), "%s err=0x%lx", trap_name(catch_last.vector), catch_last.error);
}

/* A catch_* result: -1 = the CPU (or the hypervisor) faulted it. */
static void
access_result(struct outcome *o, int err, const char *through_how)
{
	if (err) {
		caught(o);
		return;
	}
	o->through = 1;
	strlcpy(o->how, through_how, sizeof(o->how));
}

static void
attack_read(struct outcome *o, uint64_t va)
{
	uint64_t v = 0;
	int err = catch_read64(va, &v);
	char how[64];
	ksnprintf(how, sizeof(how), "read %016lx", v);
	access_result(o, err, how);
}

static void
attack_write(struct outcome *o, uint64_t va)
{
	access_result(o, catch_write64(va, MARK), "wrote");
}

static void read_window(struct outcome *o) { attack_read(o, loader_base()); }
static void write_window(struct outcome *o) { attack_write(o, loader_base() + HEADER_CHECKSUM_OFF); }
static void read_high(struct outcome *o) { attack_read(o, HV_LINK_BASE); }
static void write_high(struct outcome *o) { attack_write(o, HV_LINK_BASE + HEADER_CHECKSUM_OFF); }

/* Calls a RET inside the image (found by reading it, where that works). */
static void
exec_high(struct outcome *o)
{
	uint64_t target = HV_LINK_BASE + PAGE_SIZE, v;
	for (uint64_t va = target; va < HV_LINK_BASE + 4 * PAGE_SIZE; va += 8) {
		if (catch_read64(va, &v))
			break;
		for (int b = 0; b < 8; b++)
			if (((v >> (8 * b)) & 0xFF) == 0xC3) {
				target = va + (uint64_t)b;
				goto found;
			}
	}
found:
	access_result(o, catch_call(target), "executed");
}

/* The OS maps a frame of the block into its own tables. */
static void
map_frames(struct outcome *o)
{
	if (paging_map_kernel(ATTACK_VA, loader_base(), 1, PTE_WRITE)) {
		strlcpy(o->how, "could not map", sizeof(o->how));
		return;
	}
	attack_write(o, ATTACK_VA + HEADER_CHECKSUM_OFF);
	paging_unmap_kernel(ATTACK_VA, 1);
}

/* A PML4 entry whose PDPT is the block's first frame. */
static void
table_in_block(struct outcome *o)
{
	uint64_t *pml4 = (uint64_t *)(read_cr3() & PTE_ADDR_MASK);
	uint64_t va = 0xFFFF000000000000ULL * (ATTACK_PML4 >= 256) | (uint64_t)ATTACK_PML4 << 39;
	pml4[ATTACK_PML4] = loader_base() | PTE_PRESENT | PTE_WRITE;
	attack_read(o, va);
	pml4[ATTACK_PML4] = 0;
	invlpg(va);
}

static void
cr3_in_block(struct outcome *o)
{
	if (hv_memory_mode() == HV_MEM_NONE) {
		o->through = 1;
		strlcpy(o->how, "nothing refuses it (not run: the OS would lose its tables)", sizeof(o->how));
		return;
	}
	/* Under EPT the load succeeds and every walk through those tables is
	 * refused by EPT: nothing is reached, but the OS would lose its tables. */
	if (hv_memory_mode() == HV_MEM_EPT) {
		strlcpy(o->how, "EPT refuses every walk (not run: the OS would lose its tables)", sizeof(o->how));
		return;
	}
	uint64_t cr3 = read_cr3();
	access_result(o, catch_write_cr3(loader_base()), "loaded");
	write_cr3(cr3);
}

/* A translation to the OS's own page, then its PTE turned to the block:
 * without INVLPG a TLB may still hold the old one, after it nothing may. */
static void
stale_tlb(struct outcome *o)
{
	uint64_t own = pmm_alloc_page(), v;
	struct pt_walk w;
	if (!own || paging_map_kernel(ATTACK_VA, own, 1, PTE_WRITE) ||
	    paging_translate(paging_kernel_space(), ATTACK_VA, &w)) {
		strlcpy(o->how, "could not map", sizeof(o->how));
		return;
	}
	catch_read64(ATTACK_VA, &v);
	uint64_t *pte = w.entry[w.level];
	*pte = loader_base() | PTE_PRESENT | PTE_WRITE;
	catch_read64(ATTACK_VA, &v);
	invlpg(ATTACK_VA);
	attack_write(o, ATTACK_VA + HEADER_CHECKSUM_OFF);
	*pte = own | PTE_PRESENT | PTE_WRITE;
	paging_unmap_kernel(ATTACK_VA, 1);
	pmm_free_page(own);
}

static void wrmsr_feature_control(struct outcome *o) { access_result(o, catch_wrmsr(MSR_IA32_FEATURE_CONTROL, 0x5), "written"); }
static void wrmsr_vmx_basic(struct outcome *o) { access_result(o, catch_wrmsr(MSR_IA32_VMX_BASIC, 0), "written"); }
static void vmxon_insn(struct outcome *o) { access_result(o, catch_vmxon(loader_base()), "VMXON ran"); }

/* The block through a 2 MiB page of the identity map that holds part of it,
 * after a read of an OS page in the same 2 MiB: a shadow that cached that
 * read as a 2 MiB page would now map the block too. The block's end comes
 * first: its start may lie in the first 2 MiB, which the OS maps with 4 KiB
 * pages. */
static void
big_page_window(struct outcome *o)
{
	uint64_t base = loader_base(), end = base + loader_size(), v;
	uint64_t own = end, target = end - PAGE_SIZE;
	if (!(end & (PAGE_SIZE_2M - 1))) {
		own = base & ~(uint64_t)(PAGE_SIZE_2M - 1);
		target = base + HEADER_CHECKSUM_OFF;
	}
	if (own == base) {
		strlcpy(o->how, "no 2 MiB page holds both the block and the OS (not run)", sizeof(o->how));
		return;
	}
	catch_read64(own, &v);
	attack_read(o, target);
}

static void
hypercall_buffer(struct outcome *o, uint64_t va)
{
	int64_t err = hypercall(HC_STATS, va, sizeof(struct hv_stats), 0);
	o->through = err == 0;
	ksnprintf(o->how, sizeof(o->how), "HC_STATS %s", err ? errno_name((int)err) : "wrote");
}

static void hc_buffer_high(struct outcome *o) { hypercall_buffer(o, HV_LINK_BASE); }
static void hc_buffer_window(struct outcome *o) { hypercall_buffer(o, loader_base()); }

/* Runs main(arg) as a ring-3 task: killed is blocked (by the fault named),
 * a return got through. */
static void
user_attack(struct outcome *o, long (*main)(long), long arg)
{
	long code = 0;
	bool killed = false;
	uint64_t vector = 0, preemptions;
	int pid = task_spawn_user("attack", main, arg);
	if (pid < 0 || task_wait(pid, &code, &killed, &vector, &preemptions)) {
		strlcpy(o->how, "could not start the ring-3 task", sizeof(o->how));
		return;
	}
	o->through = !killed;
	if (killed)
		ksnprintf(o->how, sizeof(o->how), "%s in ring 3", trap_name(vector));
	else
		ksnprintf(o->how, sizeof(o->how), "ring 3 got %016lx", (uint64_t)code);
}

static void user_read_window(struct outcome *o) { user_attack(o, user_attack_read, (long)loader_base()); }
static void user_write_window(struct outcome *o) { user_attack(o, user_attack_write, (long)(loader_base() + HEADER_CHECKSUM_OFF)); }
static void user_read_high(struct outcome *o) { user_attack(o, user_attack_read, (long)HV_LINK_BASE); }
static void user_write_high(struct outcome *o) { user_attack(o, user_attack_write, (long)(HV_LINK_BASE + HEADER_CHECKSUM_OFF)); }
static void user_vmxon(struct outcome *o) { user_attack(o, user_attack_vmxon, (long)loader_base()); }
static void user_vmcall_attack(struct outcome *o) { user_attack(o, user_vmcall, 0); }
static void user_cr3_in_block(struct outcome *o) { user_attack(o, user_attack_cr3, (long)loader_base()); }

static const struct {
	const char *name;
	void (*run)(struct outcome *o);
} attacks[] = {
	{ "read-window", read_window }, { "write-window", write_window },
	{ "read-high", read_high }, { "write-high", write_high },
	{ "exec-high", exec_high }, { "map-frames", map_frames },
	{ "table-in-block", table_in_block }, { "cr3-in-block", cr3_in_block },
	{ "stale-tlb", stale_tlb }, { "big-page-window", big_page_window },
	{ "wrmsr-feature-control", wrmsr_feature_control },
	{ "wrmsr-vmx-basic", wrmsr_vmx_basic }, { "vmxon", vmxon_insn },
	{ "hc-buffer-high", hc_buffer_high }, { "hc-buffer-window", hc_buffer_window },
	{ "user-read-window", user_read_window }, { "user-write-window", user_write_window },
	{ "user-read-high", user_read_high }, { "user-write-high", user_write_high },
	{ "user-vmxon", user_vmxon }, { "user-vmcall", user_vmcall_attack },
	{ "user-cr3-in-block", user_cr3_in_block },
};
#define ATTACKS (sizeof(attacks) / sizeof(attacks[0]))

static int
attack_one(unsigned i)
{
	struct outcome o = { .through = 0, .how = "" };
	/* A ring-3 attack (user-*) runs a task: interrupts stay on to schedule it. */
	if (strncmp(attacks[i].name, "user-", 5) == 0) {
		attacks[i].run(&o);
	} else {
		uint64_t irq = irq_save();
		attacks[i].run(&o);
		irq_restore(irq);
	}
	kprintf("attack %s: %s (%s)\n", attacks[i].name, o.through ? "THROUGH" : "blocked", o.how);
	return o.through;
}

static int
attack_cmd(int argc, char **argv)
{
	if (argc == 1) {
		for (unsigned i = 0; i < ATTACKS; i++)
			kprintf("attack %s\n", attacks[i].name);
		return 0;
	}
	if (argc != 2)
		return -EINVAL;
	if (!hv_is_on()) {
		kprintf("attack: the hypervisor is not on\n");
		return -ENODEV;
	}
	uint64_t before = (uint64_t)hypercall(HC_CHECKSUM, 0, 0, 0);
	unsigned run = 0, through = 0;
	for (unsigned i = 0; i < ATTACKS; i++) {
		if (strcmp(argv[1], "all") && strcmp(argv[1], attacks[i].name))
			continue;
		run++;
		through += (unsigned)attack_one(i);
	}
	if (!run)
		return -EINVAL;
	uint64_t after = (uint64_t)hypercall(HC_CHECKSUM, 0, 0, 0);
	kprintf("attack: %u attacks, %u blocked, hypervisor checksum %08lx -> %08lx (%s), OS alive\n", run,
		run - through, before, after, before == after ? "unchanged" : "CHANGED");
	report_kv("attacks", "%u", run);
	report_kv("blocked", "%u", run - through);
	/* Under memory interposition nothing may get through: the phase fails. */
	return (through || before != after) && hv_memory_mode() != HV_MEM_NONE ? -EPERM : 0;
}

SHELL_COMMAND(attack, "attack", "attack [NAME|all]", "isolation suite: try to reach the hypervisor's memory and VMX",
	      attack_cmd);
