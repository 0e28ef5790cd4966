/* The hypervisor's life: hv_main takes over from the OS's trampoline, moves to
 * its own page tables and descriptor tables, and asks the backend to
 * interpose. Every failure comes back through hv_fail, which resumes the OS
 * natively with the reason in its launch block. */
#include "hv/hv.h"
#include "hv/arch.h"
#include "hv/cpu.h"
#include "hv/emulate.h"
#include "hv/hcdev.h"
#include "hv/intr.h"
#include "hv/mem.h"
#include "hv/native.h"
#include "hv/shadow_pt.h"
#include "hv/stats.h"
#include "hv/trace.h"
#include "kernel/errno.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "kernel/x86.h"

/* entry.S */
void hv_call_on_stack(struct hv_launch *l, void (*fn)(struct hv_launch *)) __attribute__((noreturn));

static struct hv_launch launch;
static struct hv_launch *os_launch;
static int on_own_tables;

void
hv_fail(int err, const char *why)
{
	struct hv_launch *l = &launch;
	l->result = err;
	strlcpy(l->reason, why, sizeof(l->reason));
	uint64_t at = (uint64_t)&os_launch->result;
	uint64_t len = sizeof(l->result) + sizeof(l->reserved) + sizeof(l->reason);
	if (on_own_tables)
		mem_copy_to_guest(l->state.cr3, at, &l->result, len);
	else
		memcpy(&os_launch->result, &l->result, len);
	/* The entry was a call: only the callee-saved registers must survive. */
	struct hv_regs r;
	native_call_return_regs(&r, &l->state, err);
	native_resume(&l->state, &r);
}

void
hv_main(struct hv_launch *l)
{
	uint64_t tsc_start = rdtsc();
	char why[HV_REASON_LEN];
	os_launch = l;
	on_own_tables = 0;
	memcpy(&launch, l, sizeof(launch));
	l->result = 0;
	l->reason[0] = 0;
	if (launch.abi_version != HV_ABI_VERSION) {
		ksnprintf(why, sizeof(why), "launch block ABI version %u, hypervisor has %u", launch.abi_version,
			  HV_ABI_VERSION);
		hv_fail(trace_err(-EINVAL), why);
	}
	if (mem_init(launch.phys_base, launch.phys_size))
		hv_fail(trace_err(-EINVAL), "reserved block misaligned, too small or above 4 GiB");
	write_cr3(mem_cr3());
	on_own_tables = 1;
	uint32_t mem_mode = (launch.flags & HV_LAUNCH_MEM_MASK) >> HV_LAUNCH_MEM_SHIFT;
	cpu_init();
	stats_reset();
	shadow_pt_init(mem_mode, launch.state.cr3);
	intr_reset();
	emulate_reset();
	hcdev_reset();
	int err = arch_interpose(&launch, tsc_start, why);
	hv_fail(err, why);
}

/* The image entry point (header.c): called by the OS's trampoline on the
 * OS's stack and page tables, interrupts off. */
void
hv_entry(struct hv_launch *l)
{
	hv_call_on_stack(l, hv_main);
}
