/* Shell command `state`: every piece of native CPU state a devirtualization
 * must give back, one `state NAME=VALUE` line each (docs/exactness.md says
 * why these and no others). Registers that fault on this CPU print the
 * fault's name instead of a value: that too must not change. Run it before
 * `hv on` and after `hv off`: the two listings must be identical. */
#include "guestos/cpu/fault_catch.h"
#include "guestos/cpu/regs_try.h"
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/x86.h"

#define PIC_MASTER_DATA 0x21
#define PIC_SLAVE_DATA 0xA1
#define MSR_MTRR_DEF_TYPE 0x2FF

static const struct {
	const char *name;
	uint32_t msr;
} state_msrs[] = {
	{ "efer", MSR_EFER },
	{ "pat", MSR_PAT },
	{ "fs_base", MSR_FS_BASE },
	{ "gs_base", MSR_GS_BASE },
	{ "kernel_gs_base", MSR_KERNEL_GS_BASE },
	{ "star", MSR_STAR },
	{ "lstar", MSR_LSTAR },
	{ "cstar", MSR_CSTAR },
	{ "sfmask", MSR_SFMASK },
	{ "tsc_aux", MSR_TSC_AUX },
	{ "sysenter_cs", MSR_SYSENTER_CS },
	{ "sysenter_esp", MSR_SYSENTER_ESP },
	{ "sysenter_eip", MSR_SYSENTER_EIP },
	{ "debugctl", MSR_IA32_DEBUGCTL },
	{ "apic_base", MSR_APIC_BASE },
	{ "mtrr_def_type", MSR_MTRR_DEF_TYPE },
	{ "feature_control", MSR_IA32_FEATURE_CONTROL },
};

static void
print_try(const char *name, int fault, uint64_t value)
{
	if (fault == FAULT_NONE)
		kprintf("state %s=0x%lx\n", name, value);
	else
		kprintf("state %s=%s\n", name, fault_catch_name(fault));
}

static void
print_selectors(void)
{
	uint16_t cs, ss, ds, es, fs, gs;
	__asm__ volatile("mov %%cs, %0; mov %%ss, %1; mov %%ds, %2" : "=r"(cs), "=r"(ss), "=r"(ds));
	__asm__ volatile("mov %%es, %0; mov %%fs, %1; mov %%gs, %2" : "=r"(es), "=r"(fs), "=r"(gs));
	kprintf("state cs=0x%x\nstate ss=0x%x\nstate ds=0x%x\nstate es=0x%x\nstate fs=0x%x\nstate gs=0x%x\n", cs,
		ss, ds, es, fs, gs);
	kprintf("state tr=0x%x\nstate ldtr=0x%x\n", str(), sldt());
}

static int
state_cmd(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return -EINVAL;
	static const unsigned crs[] = { 0, 2, 3, 4, 8 }, drs[] = { 0, 1, 2, 3, 6, 7 };
	char name[8] = "cr0";
	uint64_t v;
	for (unsigned i = 0; i < sizeof(crs) / sizeof(crs[0]); i++) {
		name[2] = (char)('0' + crs[i]);
		int fault = regs_try_read(REGS_CR, crs[i], &v);
		print_try(name, fault, v);
	}
	name[0] = 'd';
	for (unsigned i = 0; i < sizeof(drs) / sizeof(drs[0]); i++) {
		name[2] = (char)('0' + drs[i]);
		int fault = regs_try_read(REGS_DR, drs[i], &v);
		print_try(name, fault, v);
	}
	for (unsigned i = 0; i < sizeof(state_msrs) / sizeof(state_msrs[0]); i++) {
		int fault = regs_try_read(REGS_MSR, state_msrs[i].msr, &v);
		print_try(state_msrs[i].name, fault, v);
	}
	struct desc_ptr gdtr, idtr;
	sgdt(&gdtr);
	sidt(&idtr);
	kprintf("state gdtr=0x%lx/0x%x\nstate idtr=0x%lx/0x%x\n", gdtr.base, gdtr.limit, idtr.base, idtr.limit);
	print_selectors();
	kprintf("state rflags=0x%lx\n", read_rflags());
	kprintf("state pic_mask=0x%02x%02x\n", inb(PIC_SLAVE_DATA), inb(PIC_MASTER_DATA));
	return 0;
}

SHELL_COMMAND(state, "state", "state", "print the CPU state a devirtualization must restore", state_cmd);
