/* Filling the VMCS for a late launch: the guest is the OS exactly as it was
 * when it called hv_entry, the host is the hypervisor's own world.
 * SDM Vol. 3C §25.4 "Guest-State Area", §25.5 "Host-State Area",
 * §25.6-25.8 "VM-Execution / VM-Exit / VM-Entry Control Fields", checked as
 * in §27.2 "Checks on VMX Controls and Host-State Area" and §27.3 "Checking
 * and Loading Guest State". */
#include "hv/vmx/vmx.h"
#include "hv/arch.h"
#include "hv/cpu.h"
#include "hv/io.h"
#include "hv/mem.h"
#include "hv/shadow_pt.h"
#include "hv/vmx/controls.h"
#include "hv/vmx/vmcs.h"
#include "hv/trace.h"
#include "kernel/errno.h"
#include "kernel/lab.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "kernel/vectors.h"
#include "kernel/x86.h"

#define AR_UNUSABLE (1u << 16)
#define AR_TYPE_BUSY_TSS64 0xB

extern char hv_stack_top[];

struct segment {
	uint16_t selector;
	uint64_t base;
	uint32_t limit, ar;
};

/* A segment register's hidden part from the OS's GDT (SDM Vol. 3A §3.4.5
 * "Segment Descriptors"); access rights as in SDM Vol. 3C §25.4.1 Table 25-2. */
static int
read_segment(const struct hv_cpu_state *s, uint16_t sel, struct segment *seg, char *why)
{
	/* LAB 05 BEGIN: a null selector is unusable; otherwise fetch the descriptor from the OS GDT and decode base, limit, access rights */
	/* LAB 05 STUB: (void)s; (void)sel; (void)seg; (void)why; */
	/* LAB 05 STUB: lab_not_implemented("LAB 05: read_segment"); */
	uint64_t desc[2];
	seg->selector = sel;
	if ((sel & ~3u) == 0) {
		seg->base = 0;
		seg->limit = 0;
		seg->ar = AR_UNUSABLE;
		return 0;
	}
	if ((sel & 4) || (sel | 7u) > s->gdtr_limit ||
	    mem_copy_from_guest(s->cr3, &desc[0], s->gdtr_base + (sel & ~7u), 8)) {
		ksnprintf(why, HV_REASON_LEN, "selector %x is not in the OS's GDT", sel);
		return trace_err(-EINVAL);
	}
	uint64_t d = desc[0];
	seg->base = ((d >> 16) & 0xFFFFFF) | (((d >> 56) & 0xFF) << 24);
	seg->limit = (uint32_t)((d & 0xFFFF) | (((d >> 48) & 0xF) << 16));
	if (d & (1ULL << 55))
		seg->limit = (seg->limit << 12) | 0xFFF;
	seg->ar = (uint32_t)((d >> 40) & 0xF0FF);
	if (!(d & (1ULL << 44))) {
		/* A system descriptor is 16 bytes in IA-32e mode: base bits 63:32 follow. */
		if (mem_copy_from_guest(s->cr3, &desc[1], s->gdtr_base + (sel & ~7u) + 8, 8)) {
			ksnprintf(why, HV_REASON_LEN, "selector %x: TSS descriptor cut off", sel);
			return trace_err(-EINVAL);
		}
		seg->base |= desc[1] << 32;
	}
	return 0;
	/* LAB 05 END */
}

static int
write_guest_segments(const struct hv_cpu_state *s, char *why)
{
	static const struct {
		enum vmcs_field sel, base, limit, ar;
	} f[] = {
		{ GUEST_ES_SELECTOR, GUEST_ES_BASE, GUEST_ES_LIMIT, GUEST_ES_AR },
		{ GUEST_CS_SELECTOR, GUEST_CS_BASE, GUEST_CS_LIMIT, GUEST_CS_AR },
		{ GUEST_SS_SELECTOR, GUEST_SS_BASE, GUEST_SS_LIMIT, GUEST_SS_AR },
		{ GUEST_DS_SELECTOR, GUEST_DS_BASE, GUEST_DS_LIMIT, GUEST_DS_AR },
		{ GUEST_FS_SELECTOR, GUEST_FS_BASE, GUEST_FS_LIMIT, GUEST_FS_AR },
		{ GUEST_GS_SELECTOR, GUEST_GS_BASE, GUEST_GS_LIMIT, GUEST_GS_AR },
		{ GUEST_TR_SELECTOR, GUEST_TR_BASE, GUEST_TR_LIMIT, GUEST_TR_AR },
	};
	const uint16_t sels[] = { s->es, s->cs, s->ss, s->ds, s->fs, s->gs, s->tr };
	if ((s->tr & ~3u) == 0) {
		strlcpy(why, "the OS has no TSS loaded (TR = 0); a VM entry needs one", HV_REASON_LEN);
		return trace_err(-EINVAL);
	}
	for (unsigned i = 0; i < sizeof(sels) / sizeof(sels[0]); i++) {
		struct segment seg = { 0 };
		int err = read_segment(s, sels[i], &seg, why);
		if (err)
			return err;
		/* LAB 05 BEGIN: FS and GS bases come from their MSRs, and TR must be a busy 64-bit TSS */
		/* LAB 05 STUB: lab_not_implemented("LAB 05: write_guest_segments: FS/GS bases and TR type"); */
		if (f[i].sel == GUEST_FS_SELECTOR)
			seg.base = s->fs_base;
		if (f[i].sel == GUEST_GS_SELECTOR)
			seg.base = s->gs_base;
		/* LTR marked the descriptor busy; an IA-32e guest's TR must say so (§27.3.1.2
		 * "Checks on Guest Segment Registers"). */
		if (f[i].sel == GUEST_TR_SELECTOR)
			seg.ar = (seg.ar & ~0xFu) | AR_TYPE_BUSY_TSS64;
		/* LAB 05 END */
		vmcs_write(f[i].sel, seg.selector);
		vmcs_write(f[i].base, seg.base);
		vmcs_write(f[i].limit, seg.limit);
		vmcs_write(f[i].ar, seg.ar);
	}
	/* An LDT the OS loaded is part of its state (a null LDTR is unusable). */
	struct segment ldt;
	int err = read_segment(s, s->ldtr, &ldt, why);
	if (err)
		return err;
	vmcs_write(GUEST_LDTR_SELECTOR, ldt.selector);
	vmcs_write(GUEST_LDTR_BASE, ldt.base);
	vmcs_write(GUEST_LDTR_LIMIT, ldt.limit);
	vmcs_write(GUEST_LDTR_AR, ldt.ar);
	return 0;
}

static void
write_guest_state(const struct hv_cpu_state *s)
{
	/* LAB 05 BEGIN: control registers with their masks and shadows, RSP RIP RFLAGS, GDTR IDTR, MSRs, non-register state */
	/* LAB 05 STUB: (void)s; */
	/* LAB 05 STUB: lab_not_implemented("LAB 05: write_guest_state"); */
	vmcs_write(GUEST_CR0, vmx_fixed_bits(s->cr0, vmx.cr0_fixed0, vmx.cr0_fixed1));
	/* The tables the CPU walks: the shadow root, or the OS's own without memory interposition. */
	vmcs_write(GUEST_CR3, shadow_pt_cpu_cr3());
	vmcs_write(GUEST_CR4, vmx_fixed_bits(s->cr4, vmx.cr4_fixed0, vmx.cr4_fixed1));
	/* The OS reads back what it wrote, never the bits VMX forces (§25.6.6
	 * "Guest/Host Masks and Read Shadows for CR0 and CR4"); CR4.VMXE stays hidden. */
	vmcs_write(CR0_GUEST_HOST_MASK, vmx.cr0_mask);
	vmcs_write(CR4_GUEST_HOST_MASK, vmx.cr4_mask);
	vmcs_write(CR0_READ_SHADOW, s->cr0);
	vmcs_write(CR4_READ_SHADOW, s->cr4);
	/* Loaded on entry and saved on exit by the "load/save debug controls"
	 * controls (write_controls). */
	vmcs_write(GUEST_DR7, s->dr7);
	vmcs_write(GUEST_RSP, s->rsp);
	vmcs_write(GUEST_RIP, s->rip);
	vmcs_write(GUEST_RFLAGS, s->rflags);
	vmcs_write(GUEST_GDTR_BASE, s->gdtr_base);
	vmcs_write(GUEST_GDTR_LIMIT, s->gdtr_limit);
	vmcs_write(GUEST_IDTR_BASE, s->idtr_base);
	vmcs_write(GUEST_IDTR_LIMIT, s->idtr_limit);
	vmcs_write(GUEST_IA32_EFER, s->efer);
	vmcs_write(GUEST_IA32_PAT, s->pat);
	vmcs_write(GUEST_IA32_DEBUGCTL, s->debugctl);
	vmcs_write(GUEST_SYSENTER_CS, rdmsr(MSR_SYSENTER_CS));
	vmcs_write(GUEST_SYSENTER_ESP, rdmsr(MSR_SYSENTER_ESP));
	vmcs_write(GUEST_SYSENTER_EIP, rdmsr(MSR_SYSENTER_EIP));
	/* §25.4.2 "Guest Non-Register State"; the link pointer must be all ones
	 * (§27.3.1.5 "Checks on Guest Non-Register State"). */
	vmcs_write(GUEST_ACTIVITY_STATE, ACTIVITY_ACTIVE);
	vmcs_write(GUEST_INTERRUPTIBILITY_INFO, 0);
	vmcs_write(GUEST_PENDING_DBG_EXCEPTIONS, 0);
	vmcs_write(VMCS_LINK_POINTER, ~0ULL);
	/* LAB 05 END */
}

/* Host state: on every VM exit the CPU lands in vmx_exit_stub on a fresh
 * hypervisor stack, with the hypervisor's page tables and tables (§28.5
 * "Loading Host State"). The SYSENTER MSRs keep the OS's values so a
 * rolled-back entry leaves them as they were. */
static void
write_host_state(void)
{
	vmcs_write(HOST_CR0, read_cr0());
	vmcs_write(HOST_CR3, mem_cr3());
	vmcs_write(HOST_CR4, read_cr4());
	vmcs_write(HOST_CS_SELECTOR, HV_CODE_SEL);
	vmcs_write(HOST_SS_SELECTOR, HV_DATA_SEL);
	vmcs_write(HOST_DS_SELECTOR, HV_DATA_SEL);
	vmcs_write(HOST_ES_SELECTOR, HV_DATA_SEL);
	vmcs_write(HOST_FS_SELECTOR, 0);
	vmcs_write(HOST_GS_SELECTOR, 0);
	vmcs_write(HOST_TR_SELECTOR, HV_TSS_SEL);
	vmcs_write(HOST_FS_BASE, 0);
	vmcs_write(HOST_GS_BASE, 0);
	vmcs_write(HOST_TR_BASE, cpu_tss_base());
	vmcs_write(HOST_GDTR_BASE, cpu_gdt_base());
	vmcs_write(HOST_IDTR_BASE, cpu_idt_base());
	vmcs_write(HOST_IA32_SYSENTER_CS, rdmsr(MSR_SYSENTER_CS));
	vmcs_write(HOST_IA32_SYSENTER_ESP, rdmsr(MSR_SYSENTER_ESP));
	vmcs_write(HOST_IA32_SYSENTER_EIP, rdmsr(MSR_SYSENTER_EIP));
	vmcs_write(HOST_IA32_EFER, rdmsr(MSR_EFER));
	vmcs_write(HOST_IA32_PAT, rdmsr(MSR_PAT));
	vmcs_write(HOST_RSP, (uint64_t)hv_stack_top);
	vmcs_write(HOST_RIP, (uint64_t)vmx_exit_stub);
}

static void
intercept_msr(uint8_t *bitmap, uint32_t msr)
{
	/* §25.6.9 "MSR-Bitmap Address": read-low, read-high, write-low, write-high KiB. */
	uint32_t base = msr >= 0xC0000000 ? 1024 : 0, bit = msr & 0x1FFF;
	bitmap[base + bit / 8] |= (uint8_t)(1u << (bit % 8));
	bitmap[2048 + base + bit / 8] |= (uint8_t)(1u << (bit % 8));
}

/* The bitmaps are read at every I/O instruction (SDM Vol. 3C §25.6.4
 * "I/O-Bitmap Addresses"), so a change counts from the guest's next access. */
void
arch_io_intercept(uint16_t port, bool on)
{
	uint8_t *bitmap = port < 0x8000 ? vmx.io_bitmap_a : vmx.io_bitmap_b;
	uint16_t bit = port & 0x7FFF;
	if (on)
		bitmap[bit / 8] |= (uint8_t)(1u << (bit % 8));
	else
		bitmap[bit / 8] &= (uint8_t)~(1u << (bit % 8));
}

static void
intercept_port(uint16_t port)
{
	arch_io_intercept(port, true);
}


static void
write_bitmaps(void)
{
	intercept_msr(vmx.msr_bitmap, MSR_IA32_FEATURE_CONTROL);
	for (uint32_t msr = MSR_IA32_VMX_BASIC; msr <= MSR_IA32_VMX_VMFUNC; msr++)
		intercept_msr(vmx.msr_bitmap, msr);
	/* I/O passes through except the ports the core wants to see. */
	io_intercepts(intercept_port);
	vmcs_write(MSR_BITMAP, mem_pa(vmx.msr_bitmap));
	vmcs_write(IO_BITMAP_A, mem_pa(vmx.io_bitmap_a));
	vmcs_write(IO_BITMAP_B, mem_pa(vmx.io_bitmap_b));
}

static int
write_controls(char *why)
{
	bool true_ctls = rdmsr(MSR_IA32_VMX_BASIC) & VMX_BASIC_TRUE_CTLS;
	/* Shadow paging: the CPU's CR3 is the shadow root, so reading CR3 must
	 * exit to show the guest its own, and every #PF exits to be sorted into
	 * shadow misses and the guest's own faults (§25.6.3 "Exception Bitmap"). */
	bool shadow = shadow_pt_mode() == HV_MEM_SHADOW;
	uint32_t pin, proc, proc2 = 0, exit, entry;
	const char *which = NULL;
	if (vmx_controls_adjust(PIN_EXTERNAL_INTERRUPT_EXITING, 0,
				rdmsr(true_ctls ? MSR_IA32_VMX_TRUE_PINBASED_CTLS : MSR_IA32_VMX_PINBASED_CTLS), &pin))
		which = "pin-based";
	/* Interrupt-window exiting from the start: the OS hands itself over with RFLAGS.IF = 1,
	 * so the first exit comes before its first instruction as a guest, and until that
	 * exit is handled `hv on` can still be rolled back (lab_stop.c). vmx_intr_deliver
	 * turns it off when nothing is pending. */
	else if (vmx_controls_adjust(CPU_HLT_EXITING | CPU_CR3_LOAD_EXITING | CPU_USE_IO_BITMAPS | CPU_USE_MSR_BITMAPS |
					     CPU_INTERRUPT_WINDOW_EXITING | (shadow ? CPU_CR3_STORE_EXITING : 0),
				     CPU_INVLPG_EXITING | CPU_ACTIVATE_SECONDARY,
				     rdmsr(true_ctls ? MSR_IA32_VMX_TRUE_PROCBASED_CTLS : MSR_IA32_VMX_PROCBASED_CTLS),
				     &proc))
		which = "processor-based";
	else if ((proc & CPU_ACTIVATE_SECONDARY) &&
		 vmx_controls_adjust(0, CPU2_ENABLE_RDTSCP | CPU2_ENABLE_INVPCID | CPU2_ENABLE_XSAVES,
				     rdmsr(MSR_IA32_VMX_PROCBASED_CTLS2), &proc2))
		which = "secondary processor-based";
	/* DR7 and IA32_DEBUGCTL travel through the VMCS: the TRUE capability
	 * MSRs allow both debug-control bits to be 0, and then a debugger's DR7
	 * would silently read 0x400 in the guest (§24.7.1, §24.8.1). */
	else if (vmx_controls_adjust(EXIT_SAVE_DEBUG_CONTROLS | EXIT_HOST_ADDRESS_SPACE_SIZE |
					     EXIT_ACK_INTERRUPT_ON_EXIT | EXIT_SAVE_IA32_PAT |
					     EXIT_LOAD_IA32_PAT | EXIT_SAVE_IA32_EFER | EXIT_LOAD_IA32_EFER,
				     0, rdmsr(true_ctls ? MSR_IA32_VMX_TRUE_EXIT_CTLS : MSR_IA32_VMX_EXIT_CTLS), &exit))
		which = "VM-exit";
	else if (vmx_controls_adjust(ENTRY_LOAD_DEBUG_CONTROLS | ENTRY_IA32E_MODE_GUEST | ENTRY_LOAD_IA32_PAT |
					     ENTRY_LOAD_IA32_EFER,
				     0,
				     rdmsr(true_ctls ? MSR_IA32_VMX_TRUE_ENTRY_CTLS : MSR_IA32_VMX_ENTRY_CTLS),
				     &entry))
		which = "VM-entry";
	if (which) {
		ksnprintf(why, HV_REASON_LEN, "CPU lacks required %s VMX controls", which);
		return trace_err(-ENODEV);
	}
	vmx.proc_controls = proc;
	vmcs_write(PIN_BASED_VM_EXEC_CONTROL, pin);
	vmcs_write(CPU_BASED_VM_EXEC_CONTROL, proc);
	if (proc & CPU_ACTIVATE_SECONDARY)
		vmcs_write(SECONDARY_VM_EXEC_CONTROL, proc2);
	vmcs_write(VM_EXIT_CONTROLS, exit);
	vmcs_write(VM_ENTRY_CONTROLS, entry);
	vmcs_write(EXCEPTION_BITMAP, shadow ? 1u << VECTOR_PF : 0);
	vmcs_write(CR3_TARGET_COUNT, 0);
	vmcs_write(VM_EXIT_MSR_STORE_COUNT, 0);
	vmcs_write(VM_EXIT_MSR_LOAD_COUNT, 0);
	vmcs_write(VM_ENTRY_MSR_LOAD_COUNT, 0);
	vmcs_write(VM_ENTRY_INTR_INFO, 0);
	return 0;
}

int
vmx_setup_vmcs(const struct hv_launch *l, char *why)
{
	int err = write_controls(why);
	if (err)
		return err;
	write_bitmaps();
	write_host_state();
	write_guest_state(&l->state);
	return write_guest_segments(&l->state, why);
}
