/* The VMX backend's life cycle: checks, VMXON, VMCS, VMLAUNCH into the
 * running OS (SDM Vol. 3C §24.7 "Enabling and Entering VMX Operation",
 * §24.4 "Life Cycle of VMM Software"), and the way back: devirtualize from
 * an exit, or undo everything when any step fails. */
#include "hv/vmx/vmx.h"
#include "hv/vmx/vmx_insn.h"
#include "hv/arch.h"
#include "hv/hv.h"
#include "hv/mem.h"
#include "hv/shadow_pt.h"
#include "hv/vmx/ept.h"
#include "hv/native.h"
#include "hv/panic.h"
#include "hv/stats.h"
#include "hv/vmx/controls.h"
#include "hv/vmx/names.h"
#include "hv/vmx/vmcs.h"
#include "hv/trace.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/lab.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "kernel/cpuid.h"
#include "kernel/x86.h"

#define AR_TYPE_AVAILABLE_TSS64 0x9
#define NONCANONICAL_ADDRESS 0x0000800000000000ULL

struct vmx_cpu vmx;

void
vmx_leave(void)
{
	/* Before VMXOFF, while INVEPT still exists. */
	ept_release();
	/* LAB 04 BEGIN: VMCLEAR the current VMCS, VMXOFF, then clear CR4.VMXE */
	/* LAB 04 STUB: lab_not_implemented("LAB 04: vmx_leave"); */
	/* Neither can fail once VMXON succeeded and the VMCS is ours; if one does,
	 * the CPU is in a state we cannot hand back, so stop loudly. */
	if (vmx.vmcs_loaded && vmclear(mem_pa(vmx.vmcs)) != VMX_OK)
		hv_panic("VMCLEAR of our own VMCS failed while leaving VMX operation");
	vmx.vmcs_loaded = false;
	if (vmxoff() != VMX_OK)
		hv_panic("VMXOFF failed");
	write_cr4(read_cr4() & ~CR4_VMXE);
	/* LAB 04 END */
	/* Whatever runs next writes the OS's CR4 and would hide a VMXE left set. */
	if (read_cr4() & CR4_VMXE)
		hv_panic("vmx_leave: CR4.VMXE still set out of VMX operation");
}

static int
vmx_check_cpu(char *why)
{
	/* LAB 04 BEGIN: CPUID.1:ECX.VMX, IA32_FEATURE_CONTROL lock and enable bits, VMCS region size */
	/* LAB 04 STUB: (void)why; */
	/* LAB 04 STUB: lab_not_implemented("LAB 04: vmx_check_cpu: is VMX there and enabled"); */
	uint32_t a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & CPUID_1_ECX_VMX)) {
		strlcpy(why, "VMX not available on this CPU", HV_REASON_LEN);
		return trace_err(-ENODEV);
	}
	/* §24.7: VMXON needs the lock bit and "VMX outside SMX" in IA32_FEATURE_CONTROL. */
	uint64_t fc = rdmsr(MSR_IA32_FEATURE_CONTROL);
	if (!(fc & FEATURE_CONTROL_LOCK)) {
		/* The one change the OS can see after `hv off`: only a reset clears the lock. */
		wrmsr(MSR_IA32_FEATURE_CONTROL, fc | FEATURE_CONTROL_LOCK | FEATURE_CONTROL_VMX_OUTSIDE_SMX);
		kprintf("[vmx] IA32_FEATURE_CONTROL was unlocked: locked it with VMX on; only a reset undoes this\n");
	} else if (!(fc & FEATURE_CONTROL_VMX_OUTSIDE_SMX)) {
		strlcpy(why, "VMX disabled by firmware (IA32_FEATURE_CONTROL locked)", HV_REASON_LEN);
		return trace_err(-ENODEV);
	}
	uint64_t basic = rdmsr(MSR_IA32_VMX_BASIC);
	uint64_t region = (basic >> 32) & 0x1FFF;
	if (region > HV_PAGE_SIZE) {
		ksnprintf(why, HV_REASON_LEN, "VMCS region of %lu bytes does not fit a page", region);
		return trace_err(-ENODEV);
	}
	return 0;
	/* LAB 04 END */
}

/* MAXPHYADDR (SDM Vol. 3A §4.1.4 "Enumeration of Paging Features by CPUID"):
 * CPUID 0x80000008 EAX[7:0], or 36 on a CPU without the leaf. */
static unsigned
phys_bits(void)
{
	uint32_t a, b, c, d;
	cpuid(0x80000000, 0, &a, &b, &c, &d);
	if (a < 0x80000008)
		return 36;
	cpuid(0x80000008, 0, &a, &b, &c, &d);
	return a & 0xFF;
}

static void
prepare_regions(void)
{
	uint32_t revision = (uint32_t)rdmsr(MSR_IA32_VMX_BASIC) & 0x7FFFFFFF;
	vmx.vmxon_region = mem_alloc_page();
	vmx.vmcs = mem_alloc_page();
	vmx.msr_bitmap = mem_alloc_page();
	vmx.io_bitmap_a = mem_alloc_page();
	vmx.io_bitmap_b = mem_alloc_page();
	/* §25.2 "Format of the VMCS Region". */
	memcpy(vmx.vmcs, &revision, 4);
	vmx.cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
	vmx.cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
	vmx.cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
	vmx.cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
	vmx.cr0_mask = vmx_fixed_mask(vmx.cr0_fixed0, vmx.cr0_fixed1);
	vmx.cr4_mask = vmx_fixed_mask(vmx.cr4_fixed0, vmx.cr4_fixed1) | CR4_VMXE;
	/* The guest's CR4 may hold what this CPU allows under VMX, VMXE aside (hidden). */
	vmx.cr.cr4_supported = vmx.cr4_fixed1 & ~CR4_VMXE;
	vmx.cr.phys_bits = phys_bits();
}

uint64_t
vmx_guest_cr0(void)
{
	return (vmcs_read(GUEST_CR0) & ~vmx.cr0_mask) | (vmcs_read(CR0_READ_SHADOW) & vmx.cr0_mask);
}

uint64_t
vmx_guest_cr4(void)
{
	return (vmcs_read(GUEST_CR4) & ~vmx.cr4_mask) | (vmcs_read(CR4_READ_SHADOW) & vmx.cr4_mask);
}

/* Enters VMX root operation with the VMXON region prepare_regions allocated
 * and the fixed-bit MSRs it read.
 * RETURNS: 0; -EIO with a reason in why when VMXON fails (CR4.VMXE is clear
 * again then). */
static int
vmx_on(char *why)
{
	/* LAB 04 BEGIN: revision identifier into the VMXON region, CR0/CR4 fixed bits and CR4.VMXE, VMXON and its result */
	/* LAB 04 STUB: (void)why; */
	/* LAB 04 STUB: lab_not_implemented("LAB 04: vmx_on: enter VMX operation"); */
	/* SDM Vol. 3C §25.11.5 "VMXON Region": bits 30:0 the revision, bit 31 clear. */
	uint32_t revision = (uint32_t)rdmsr(MSR_IA32_VMX_BASIC) & 0x7FFFFFFF;
	memcpy(vmx.vmxon_region, &revision, 4);
	/* GRUB leaves CR0.NE clear, VMXON refuses it (SDM Appendix A.7 "VMX-Fixed Bits in CR0", A.8 "VMX-Fixed Bits in CR4"). */
	write_cr0(vmx_fixed_bits(read_cr0(), vmx.cr0_fixed0, vmx.cr0_fixed1));
	write_cr4(vmx_fixed_bits(read_cr4() | CR4_VMXE, vmx.cr4_fixed0, vmx.cr4_fixed1));
	int rc = vmxon(mem_pa(vmx.vmxon_region));
	if (rc != VMX_OK) {
		write_cr4(read_cr4() & ~CR4_VMXE);
		ksnprintf(why, HV_REASON_LEN, "VMXON failed (%s)", rc == VMX_FAIL_INVALID ? "VMfailInvalid" : "VMfailValid");
		return trace_err(-EIO);
	}
	return 0;
	/* LAB 04 END */
}

static int
vmx_failure(int rc, const char *insn, char *why)
{
	if (rc == VMX_FAIL_VALID) {
		uint32_t err = (uint32_t)vmcs_read(VM_INSTRUCTION_ERROR);
		ksnprintf(why, HV_REASON_LEN, "%s failed: VM-instruction error %u (%s)", insn, err,
			  vmx_instruction_error_name(err));
	} else {
		ksnprintf(why, HV_REASON_LEN, "%s failed: VMfailInvalid", insn);
	}
	vmx_leave();
	return trace_err(-EIO);
}

int
arch_interpose(const struct hv_launch *l, uint64_t tsc_start, char *why)
{
	memset(&vmx, 0, sizeof(vmx));
	int err = vmx_check_cpu(why);
	if (err)
		return err;
	prepare_regions();
	/* VMXON wants a page-aligned region (SDM Vol. 2C "VMXON—Enter VMX Operation"):
	 * the way to see the failure path where VMXON works on every CPU here. */
	if (l->flags & HV_LAUNCH_FORCE_BAD_VMXON)
		vmx.vmxon_region = (uint8_t *)vmx.vmxon_region + 8;
	err = vmx_on(why);
	if (err) {
		/* hv_fail writes the OS's CR4 next and would hide a VMXE left set. */
		if (read_cr4() & CR4_VMXE)
			hv_panic("vmx_on: VMXON failed and CR4.VMXE is still set");
		return err;
	}
	int rc;
	if ((rc = vmclear(mem_pa(vmx.vmcs))) != VMX_OK)
		return vmx_failure(rc, "VMCLEAR", why);
	if ((rc = vmptrld(mem_pa(vmx.vmcs))) != VMX_OK)
		return vmx_failure(rc, "VMPTRLD", why);
	vmx.vmcs_loaded = true;
	err = vmx_setup_vmcs(l, why);
	if (err) {
		vmx_leave();
		return err;
	}
	if (l->flags & HV_LAUNCH_FORCE_BAD_ENTRY)
		vmcs_write(GUEST_TR_AR, (vmcs_read(GUEST_TR_AR) & ~0xFu) | AR_TYPE_AVAILABLE_TSS64);
	/* A non-canonical host RIP fails the host-state checks (§27.2 "Checks on VMX Controls and
	 * Host-State Area"): VMLAUNCH falls through with VMfailValid, nothing loaded. */
	if (l->flags & HV_LAUNCH_FORCE_BAD_HOST)
		vmcs_write(HOST_RIP, NONCANONICAL_ADDRESS);
	/* LAB 06 BEGIN: the guest general registers as the trampoline left them, the interpose cost, VMLAUNCH and its failure */
	/* LAB 06 STUB: (void)tsc_start; */
	/* LAB 06 STUB: lab_not_implemented("LAB 06: arch_interpose: VMLAUNCH"); */
	/* VMLAUNCH loads no general registers: the stub does, from these; the OS
	 * sees its call into the hypervisor return 0. */
	struct hv_regs r;
	native_call_return_regs(&r, &l->state, 0);
	stats_set_interpose_cost(rdtsc() - tsc_start);
	rc = vmx_launch(&r);
	return vmx_failure(rc, "VMLAUNCH", why);
	/* LAB 06 END */
}

/* Called from the exit handler when the first VM entry failed (§27.8
 * "VM-Entry Failures During or After Loading Guest State"). */
void
vmx_entry_failed(uint32_t reason)
{
	char why[HV_REASON_LEN];
	uint64_t qual = vmcs_read(EXIT_QUALIFICATION);
	ksnprintf(why, sizeof(why), "VM entry failed: exit reason %u (%s), qualification %lx", reason & 0xFFFF,
		  vmx_exit_reason_name(reason), qual);
	vmx_leave();
	hv_fail(trace_err(-EIO), why);
}

void
arch_devirtualize(struct hv_regs *r)
{
	/* LAB 12 BEGIN: the OS's state as the VMCS holds it, VMX off, then native_resume */
	/* LAB 12 STUB: (void)r; */
	/* LAB 12 STUB: (void)lab_missing("LAB 12: arch_devirtualize"); */
	struct hv_cpu_state s;
	s.rip = vmcs_read(GUEST_RIP);
	s.rsp = vmcs_read(GUEST_RSP);
	s.rflags = vmcs_read(GUEST_RFLAGS);
	s.cr0 = vmx_guest_cr0();
	s.cr3 = arch_guest_cr3();
	shadow_pt_release();
	s.cr4 = vmx_guest_cr4();
	s.efer = vmcs_read(GUEST_IA32_EFER);
	s.pat = vmcs_read(GUEST_IA32_PAT);
	s.fs_base = vmcs_read(GUEST_FS_BASE);
	s.gs_base = vmcs_read(GUEST_GS_BASE);
	/* Not switched by VM exits: still the guest's. */
	s.kernel_gs_base = rdmsr(MSR_KERNEL_GS_BASE);
	/* The VMCS keeps the real limits; the CPU's are 0xFFFF after an exit (§28.5.2 "Loading Host
	 * Segment and Descriptor-Table Registers"). */
	s.gdtr_base = vmcs_read(GUEST_GDTR_BASE);
	s.gdtr_limit = (uint16_t)vmcs_read(GUEST_GDTR_LIMIT);
	s.idtr_base = vmcs_read(GUEST_IDTR_BASE);
	s.idtr_limit = (uint16_t)vmcs_read(GUEST_IDTR_LIMIT);
	s.cs = (uint16_t)vmcs_read(GUEST_CS_SELECTOR);
	s.ss = (uint16_t)vmcs_read(GUEST_SS_SELECTOR);
	s.ds = (uint16_t)vmcs_read(GUEST_DS_SELECTOR);
	s.es = (uint16_t)vmcs_read(GUEST_ES_SELECTOR);
	s.fs = (uint16_t)vmcs_read(GUEST_FS_SELECTOR);
	s.gs = (uint16_t)vmcs_read(GUEST_GS_SELECTOR);
	s.tr = (uint16_t)vmcs_read(GUEST_TR_SELECTOR);
	s.ldtr = (uint16_t)vmcs_read(GUEST_LDTR_SELECTOR);
	/* A VM exit sets DR7 to 0x400 and clears IA32_DEBUGCTL (§28.5.1 "Loading Host Control
	 * Registers, Debug Registers, MSRs"); the guest's values were saved here. */
	s.dr7 = vmcs_read(GUEST_DR7);
	s.debugctl = vmcs_read(GUEST_IA32_DEBUGCTL);
	wrmsr(MSR_SYSENTER_CS, vmcs_read(GUEST_SYSENTER_CS));
	wrmsr(MSR_SYSENTER_ESP, vmcs_read(GUEST_SYSENTER_ESP));
	wrmsr(MSR_SYSENTER_EIP, vmcs_read(GUEST_SYSENTER_EIP));
	/* Read before VMXOFF, the last moment it exists. */
	uint32_t insn_err = (uint32_t)vmcs_read(VM_INSTRUCTION_ERROR);
	if (insn_err)
		kprintf("[vmx] devirtualize: VM-instruction error %u (%s) was recorded\n", insn_err,
			vmx_instruction_error_name(insn_err));
	vmx_leave();
	r->gpr[GPR_RAX] = 0;
	native_resume(&s, r);
	/* LAB 12 END */
}

uint64_t
arch_guest_cr3(void)
{
	/* Under EPT, CR3 loads do not exit: the VMCS holds the guest's own. */
	return shadow_pt_mode() == HV_MEM_EPT ? vmcs_read(GUEST_CR3) : shadow_pt_guest_cr3();
}

const char *
arch_exit_name(uint32_t reason)
{
	return vmx_exit_reason_name(reason);
}

void
arch_dump(void)
{
	if (!vmx.vmcs_loaded) {
		kprintf("[vmx] no current VMCS\n");
		return;
	}
	uint64_t v;
	/* Unchecked reads: a failing VMREAD here must not recurse into hv_panic. */
	static const struct {
		const char *name;
		enum vmcs_field field;
	} f[] = {
		{ "exit reason", VM_EXIT_REASON }, { "qualification", EXIT_QUALIFICATION },
		{ "guest rip", GUEST_RIP }, { "guest rsp", GUEST_RSP }, { "guest rflags", GUEST_RFLAGS },
		{ "guest cr0", GUEST_CR0 }, { "guest cr3", GUEST_CR3 }, { "guest cr4", GUEST_CR4 },
		{ "guest cs", GUEST_CS_SELECTOR }, { "guest ss", GUEST_SS_SELECTOR },
		{ "idt vectoring", IDT_VECTORING_INFO }, { "interruptibility", GUEST_INTERRUPTIBILITY_INFO },
		{ "activity", GUEST_ACTIVITY_STATE }, { "instruction error", VM_INSTRUCTION_ERROR },
	};
	for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (vmread(f[i].field, &v) == VMX_OK)
			kprintf("[vmx] %s = %lx\n", f[i].name, v);
}
