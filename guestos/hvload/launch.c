/* The launch protocol (hv/abi.h struct hv_launch): what C captures of the
 * live CPU, the call through trampoline.S into the image's entry, and the
 * HC_DEVIRTUALIZE hypercall that ends it. */
#include "guestos/hvload/launch.h"
#include "guestos/cpu/fault_catch.h"
#include "guestos/cpu/regs_try.h"
#include "guestos/dev/dualmode.h"
#include "guestos/cpu/sentinel.h"
#include "guestos/hvload/hypercall.h"
#include "guestos/hvload/loader.h"
#include "hv/abi.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

/* trampoline.S (l: struct hv_launch): RETURNS 0 as a guest, or the hypervisor's
 * negative errno natively. */
int trampoline_enter(void *l, uint64_t entry);

static bool interposed;
/* Firmware left IA32_FEATURE_CONTROL unlocked and a successful `hv on`
 * locked it: the one change that outlives `hv off` (docs/exactness.md). */
static bool feature_control_locked;
static struct hv_launch launch;

/* The state only C reads easily; hvload/trampoline.S adds the rest. */
static void
launch_capture_state(struct hv_cpu_state *s)
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
	if (regs_try_read(REGS_MSR, MSR_IA32_DEBUGCTL, &s->debugctl) != FAULT_NONE)
		s->debugctl = 0;
}

/* A launch, or its rollback, that loses a callee-saved register breaks the
 * OS's C code after `hv on` in ways that show much later: say so now. */
static void
launch_report_registers(uint32_t changed)
{
	if (!changed)
		return;
	kprintf("hv: on: FAIL: callee-saved registers not kept across the launch:");
	sentinel_print(changed);
	kprintf("\n");
}

int
launch_on(uint32_t flags, uint64_t *tsc)
{
	if (!loader_is_loaded()) {
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
	launch.phys_base = loader_base();
	launch.phys_size = loader_size();
	launch_capture_state(&launch.state);
	uint64_t fc = 0;
	bool fc_unlocked = regs_try_read(REGS_MSR, MSR_IA32_FEATURE_CONTROL, &fc) == FAULT_NONE && !(fc & FEATURE_CONTROL_LOCK);
	uint64_t t0 = rdtsc();
	uint32_t changed = 0;
	int err = sentinel_call(trampoline_enter, &launch, loader_entry(), &changed);
	*tsc = rdtsc() - t0;
	launch_report_registers(changed);
	if (err) {
		kprintf("hv: on failed: %s (%s); still native\n", launch.reason, errno_name(err));
		return err == -EINVAL ? -EIO : err;
	}
	interposed = true;
	feature_control_locked |= fc_unlocked;
	hypercall_forget();
	return 0;
}

int
launch_off(uint64_t *tsc)
{
	if (!interposed) {
		kprintf("hv: not on\n");
		return -ENOENT;
	}
	/* The devices go back to the OS's own drivers first: after this hypercall nothing answers the others. */
	int moved = dualmode_all_direct();
	if (moved) {
		kprintf("hv: off: drivers not back to direct: %s; still on\n", errno_name(moved));
		return moved;
	}
	uint64_t t0 = rdtsc();
	int64_t err = hypercall(HC_DEVIRTUALIZE, 0, 0, 0);
	*tsc = rdtsc() - t0;
	if (err == -EBUSY) {
		kprintf("hv: off failed: EBUSY: the disk is in a command's data phase; "
			"still on, finish the transfer and try again\n");
		return (int)err;
	}
	if (err) {
		kprintf("hv: off failed: %s\n", errno_name((int)err));
		return (int)err;
	}
	interposed = false;
	return 0;
}

bool
launch_is_on(void)
{
	return interposed;
}

bool
launch_has_locked_feature_control(void)
{
	return feature_control_locked;
}
