/* VM-exit dispatch and the handlers, one per exit reason (SDM Vol. 3C
 * Chapter 26 "VMX Non-Root Operation" says what exits and why; §28.2
 * "Recording VM-Exit Information" says what we learn). The path is silent:
 * what happened is counted, and the last 64 exits are kept for hv_panic. */
#include "hv/vmx/vmx.h"
#include "hv/abi.h"
#include "hv/hypercall.h"
#include "hv/panic.h"
#include "hv/stats.h"
#include "hv/vmx/names.h"
#include "hv/vmx/vmcs.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/lab.h"
#include "kernel/string.h"
#include "kernel/x86.h"

enum exit_reason {
	EXIT_REASON_EXTERNAL_INTERRUPT = 1,
	EXIT_REASON_TRIPLE_FAULT = 2,
	EXIT_REASON_INTERRUPT_WINDOW = 7,
	EXIT_REASON_CPUID = 10,
	EXIT_REASON_HLT = 12,
	EXIT_REASON_INVLPG = 14,
	EXIT_REASON_VMCALL = 18,
	EXIT_REASON_VMCLEAR = 19,
	EXIT_REASON_VMXON = 27,
	EXIT_REASON_CR_ACCESS = 28,
	EXIT_REASON_IO = 30,
	EXIT_REASON_RDMSR = 31,
	EXIT_REASON_WRMSR = 32,
	EXIT_REASON_INVEPT = 50,
	EXIT_REASON_INVVPID = 53,
	EXIT_REASON_VMFUNC = 59,
};

#define VECTOR_UD 6
#define VECTOR_GP 13
#define CPUID_1_ECX_VMX (1u << 5)
#define CPUID_1_ECX_HYPERVISOR (1u << 31)

static void
skip_instruction(void)
{
	vmcs_write(GUEST_RIP, vmcs_read(GUEST_RIP) + vmcs_read(VM_EXIT_INSTRUCTION_LEN));
	/* The instruction is done, so the STI or MOV SS shadow it sat in is over. */
	uint64_t intr = vmcs_read(GUEST_INTERRUPTIBILITY_INFO);
	if (intr & (BLOCKING_BY_STI | BLOCKING_BY_MOV_SS))
		vmcs_write(GUEST_INTERRUPTIBILITY_INFO, intr & ~(uint64_t)(BLOCKING_BY_STI | BLOCKING_BY_MOV_SS));
}

static unsigned
guest_cpl(void)
{
	/* CPL is SS.DPL (SDM Vol. 3C §25.4.1 "Guest Register State", access rights bits 6:5). */
	return (vmcs_read(GUEST_SS_AR) >> 5) & 3;
}

static bool
vmx_exit_external_interrupt(struct hv_regs *r)
{
	(void)r;
	/* LAB 08 BEGIN: the vector the CPU acknowledged on exit goes to the queue */
	/* LAB 08 STUB: lab_not_implemented("LAB 08: vmx_exit_external_interrupt"); */
	uint32_t info = (uint32_t)vmcs_read(VM_EXIT_INTR_INFO);
	if (info & INTR_INFO_VALID)
		vmx_intr_queue((uint8_t)info);
	return true;
	/* LAB 08 END */
}

static bool
vmx_exit_cpuid(struct hv_regs *r)
{
	/* LAB 07 BEGIN: answer CPUID for the guest: VMX hidden, hypervisor bit, leaves 0x40000000-0x400000FF */
	/* LAB 07 STUB: (void)r; */
	/* LAB 07 STUB: lab_not_implemented("LAB 07: vmx_exit_cpuid"); */
	uint32_t leaf = (uint32_t)r->gpr[GPR_RAX], sub = (uint32_t)r->gpr[GPR_RCX];
	uint32_t a, b, c, d;
	if (leaf >= HV_CPUID_BASE && leaf <= HV_CPUID_BASE + 0xFF) {
		a = b = c = d = 0;
		if (leaf == HV_CPUID_BASE) {
			a = HV_CPUID_FEATURES;
			memcpy(&b, HV_CPUID_SIGNATURE, 4);
			memcpy(&c, HV_CPUID_SIGNATURE + 4, 4);
			memcpy(&d, HV_CPUID_SIGNATURE + 8, 4);
		} else if (leaf == HV_CPUID_FEATURES) {
			a = HV_FEATURE_STATS | HV_FEATURE_DEVIRTUALIZE;
			b = HV_ABI_VERSION;
		}
	} else {
		cpuid(leaf, sub, &a, &b, &c, &d);
		if (leaf == 1)
			c = (c & ~CPUID_1_ECX_VMX) | CPUID_1_ECX_HYPERVISOR;
	}
	r->gpr[GPR_RAX] = a;
	r->gpr[GPR_RBX] = b;
	r->gpr[GPR_RCX] = c;
	r->gpr[GPR_RDX] = d;
	skip_instruction();
	return true;
	/* LAB 07 END */
}

/* HLT: the guest sleeps in activity state HLT until we inject its next
 * interrupt (SDM Vol. 3C §25.4.2 "Guest Non-Register State"). */
static bool
vmx_exit_hlt(struct hv_regs *r)
{
	(void)r;
	skip_instruction();
	if (!vmx_intr_pending())
		vmcs_write(GUEST_ACTIVITY_STATE, ACTIVITY_HLT);
	return true;
}

/* No VPID: every VM entry and exit flushes the guest's linear mappings
 * anyway; invalidating here too keeps this correct when VPIDs come. */
static bool
vmx_exit_invlpg(struct hv_regs *r)
{
	(void)r;
	invlpg(vmcs_read(EXIT_QUALIFICATION));
	skip_instruction();
	return true;
}

static bool
vmx_exit_vmcall(struct hv_regs *r)
{
	if (guest_cpl() != 0) {
		vmx_inject_exception(VECTOR_UD, false, 0);
		return true;
	}
	/* Devirtualizing drops whatever we hold for the guest, so first let it
	 * take pending interrupts: RIP stays on the VMCALL, which runs again
	 * after the handler returns. With interrupts off it must retry later. */
	if (r->gpr[GPR_RAX] == HC_DEVIRTUALIZE && vmx_intr_pending()) {
		if (!vmx_guest_interruptible()) {
			r->gpr[GPR_RAX] = (uint64_t)-EBUSY;
			skip_instruction();
		}
		return true;
	}
	skip_instruction();
	hypercall_dispatch(r);
	return true;
}

/* VMX is hidden from the guest: its VMX instructions fault as on a CPU
 * without VMX (SDM Vol. 3C §26.1.2 "Instructions That Cause VM Exits
 * Unconditionally"; we answer #UD). */
static bool
vmx_exit_vmx_instruction(struct hv_regs *r)
{
	(void)r;
	vmx_inject_exception(VECTOR_UD, false, 0);
	return true;
}

static uint64_t *
cr_gpr(struct hv_regs *r, unsigned n, uint64_t *rsp)
{
	if (n == GPR_RSP) {
		*rsp = vmcs_read(GUEST_RSP);
		return rsp;
	}
	return &r->gpr[n];
}

/* MOV to CR0/CR4 that touch bits we own, and every MOV to CR3 (SDM Vol. 3C
 * §28.2.1 Table 28-3 "Exit Qualification for Control-Register Accesses"). */
static bool
vmx_exit_cr_access(struct hv_regs *r)
{
	uint64_t q = vmcs_read(EXIT_QUALIFICATION), rsp;
	unsigned cr = q & 15, type = (q >> 4) & 3, gpr = (q >> 8) & 15;
	if (type == 0 && (cr == 0 || cr == 3 || cr == 4)) {
		uint64_t v = *cr_gpr(r, gpr, &rsp);
		if (cr == 3) {
			/* Bit 63 only means "no flush" with CR4.PCIDE; not part of CR3. */
			vmcs_write(GUEST_CR3, v & ~(1ULL << 63));
		} else if (cr == 0) {
			/* Clearing PE or PG is not supported without unrestricted guest: #GP. */
			if ((v & vmx.cr0_fixed0) != vmx.cr0_fixed0 || (v & ~vmx.cr0_fixed1)) {
				vmx_inject_exception(VECTOR_GP, true, 0);
				return true;
			}
			vmcs_write(CR0_READ_SHADOW, v);
			vmcs_write(GUEST_CR0, v);
		} else {
			/* VMXE is hidden: setting it faults as without VMX. */
			if ((v & CR4_VMXE) || (v & ~vmx.cr4_fixed1)) {
				vmx_inject_exception(VECTOR_GP, true, 0);
				return true;
			}
			vmcs_write(CR4_READ_SHADOW, v);
			vmcs_write(GUEST_CR4, v | vmx.cr4_fixed0);
		}
		skip_instruction();
		return true;
	}
	if (type == 3 && cr == 0) {
		/* LMSW writes CR0 bits 3:0 but cannot clear PE (SDM Vol. 2A "LMSW"). */
		uint64_t src = (q >> 16) & 0xF, shadow = vmcs_read(CR0_READ_SHADOW);
		uint64_t v = (shadow & ~0xEULL) | src | (shadow & 1);
		vmcs_write(CR0_READ_SHADOW, v);
		vmcs_write(GUEST_CR0, (vmcs_read(GUEST_CR0) & ~0xFULL) | (v & 0xF) | (vmx.cr0_fixed0 & 0xF));
		skip_instruction();
		return true;
	}
	hv_panic("unhandled control-register access: CR%u type %u gpr %u", cr, type, gpr);
}

/* Only the power-off ports exit (vmx_setup.c); the access is done for the
 * guest exactly as it asked (SDM Vol. 3C §28.2.1 Table 28-5 "Exit
 * Qualification for I/O Instructions"). */
static bool
vmx_exit_io(struct hv_regs *r)
{
	uint64_t q = vmcs_read(EXIT_QUALIFICATION);
	unsigned size = (q & 7) + 1;
	bool in = q & 8, string = q & 16;
	uint16_t port = (uint16_t)(q >> 16);
	if (string)
		hv_panic("string I/O on intercepted port %x is not emulated", port);
	uint64_t *rax = &r->gpr[GPR_RAX];
	if (in) {
		uint64_t v = size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
		uint64_t mask = size == 4 ? 0xFFFFFFFFULL : (1ULL << (8 * size)) - 1;
		/* A 32-bit IN zero-extends into RAX; 8 and 16 bits merge. */
		*rax = size == 4 ? v : (*rax & ~mask) | v;
	} else {
		if (!vmx.power_off_noted) {
			vmx.power_off_noted = true;
			kprintf("[vmx] the OS powers off while interposed\n");
			console_flush();
		}
		if (size == 1)
			outb(port, (uint8_t)*rax);
		else if (size == 2)
			outw(port, (uint16_t)*rax);
		else
			outl(port, (uint32_t)*rax);
	}
	skip_instruction();
	return true;
}

/* Only hidden MSRs exit (IA32_FEATURE_CONTROL and the VMX capability MSRs)
 * and MSRs outside the bitmap's ranges: both fault as on a CPU without VMX. */
static bool
vmx_exit_msr(struct hv_regs *r)
{
	(void)r;
	vmx_inject_exception(VECTOR_GP, true, 0);
	return true;
}

static bool
vmx_exit_interrupt_window(struct hv_regs *r)
{
	(void)r;
	return true;
}

static bool
vmx_exit_triple_fault(struct hv_regs *r)
{
	(void)r;
	hv_panic("guest triple fault at rip %lx", vmcs_read(GUEST_RIP));
}

/* An exit while the CPU was delivering an event through the guest IDT: the
 * event was lost, so it goes in again (SDM Vol. 3C §28.2.4 "Information for
 * VM Exits During Event Delivery"). */
static void
reinject_vectoring_event(void)
{
	uint32_t info = (uint32_t)vmcs_read(IDT_VECTORING_INFO);
	if (!(info & INTR_INFO_VALID))
		return;
	if (info & INTR_INFO_DELIVER_CODE)
		vmcs_write(VM_ENTRY_EXCEPTION_ERROR_CODE, vmcs_read(IDT_VECTORING_ERROR_CODE));
	vmcs_write(VM_ENTRY_INSTRUCTION_LEN, vmcs_read(VM_EXIT_INSTRUCTION_LEN));
	vmcs_write(VM_ENTRY_INTR_INFO, info & (INTR_INFO_VALID | INTR_INFO_DELIVER_CODE | INTR_TYPE_MASK | 0xFF));
}

/* The handler named after each basic exit reason we enable or cannot turn
 * off (SDM Vol. 3C Appendix C "VMX Basic Exit Reasons"). An exit without
 * one means the controls and this table disagree: a bug here. */
static bool (*const exit_handlers[])(struct hv_regs *) = {
	[EXIT_REASON_EXTERNAL_INTERRUPT] = vmx_exit_external_interrupt,
	[EXIT_REASON_TRIPLE_FAULT] = vmx_exit_triple_fault,
	[EXIT_REASON_INTERRUPT_WINDOW] = vmx_exit_interrupt_window,
	[EXIT_REASON_CPUID] = vmx_exit_cpuid,
	[EXIT_REASON_HLT] = vmx_exit_hlt,
	[EXIT_REASON_INVLPG] = vmx_exit_invlpg,
	[EXIT_REASON_VMCALL] = vmx_exit_vmcall,
	[EXIT_REASON_VMCLEAR ... EXIT_REASON_VMXON] = vmx_exit_vmx_instruction,
	[EXIT_REASON_CR_ACCESS] = vmx_exit_cr_access,
	[EXIT_REASON_IO] = vmx_exit_io,
	[EXIT_REASON_RDMSR] = vmx_exit_msr,
	[EXIT_REASON_WRMSR] = vmx_exit_msr,
	[EXIT_REASON_INVEPT] = vmx_exit_vmx_instruction,
	[EXIT_REASON_INVVPID] = vmx_exit_vmx_instruction,
	[EXIT_REASON_VMFUNC] = vmx_exit_vmx_instruction,
};

bool
vmx_exit_dispatch(struct hv_regs *r)
{
	uint64_t t0 = rdtsc();
	bool resume;
	/* LAB 07 BEGIN: read the exit reason; a failed VM entry stops here; count the basic reason */
	/* LAB 07 STUB: uint32_t basic = 0; */
	/* LAB 07 STUB: lab_not_implemented("LAB 07: vmx_exit_dispatch: exit reason"); */
	uint32_t reason = (uint32_t)vmcs_read(VM_EXIT_REASON);
	if (reason & EXIT_REASON_FAILED_ENTRY) {
		if (!vmx.launched)
			vmx_entry_failed(reason);
		hv_panic("VM entry failed: exit reason %u (%s), qualification %lx", reason & 0xFFFF,
			 vmx_exit_reason_name(reason), vmcs_read(EXIT_QUALIFICATION));
	}
	vmx.launched = true;
	uint32_t basic = reason & 0xFFFF;
	stats_exit(basic, vmcs_read(EXIT_QUALIFICATION), vmcs_read(GUEST_RIP), t0);
	/* LAB 07 END */
	reinject_vectoring_event();
	/* LAB 07 BEGIN: call the handler named after the exit; an exit without one is a bug */
	/* LAB 07 STUB: (void)r; (void)basic; (void)exit_handlers; */
	/* LAB 07 STUB: lab_not_implemented("LAB 07: vmx_exit_dispatch: handler call"); */
	if (basic >= sizeof(exit_handlers) / sizeof(exit_handlers[0]) || !exit_handlers[basic])
		hv_panic("unhandled exit reason %u (%s), qualification %lx, guest rip %lx", basic,
			 vmx_exit_reason_name(basic), vmcs_read(EXIT_QUALIFICATION), vmcs_read(GUEST_RIP));
	resume = exit_handlers[basic](r);
	/* LAB 07 END */
	vmx_intr_deliver();
	/* From here on the guest runs on: a stub reached later cannot roll back (lab_stop.c). */
	vmx.committed = true;
	stats_add_hv_time(rdtsc() - t0);
	return resume;
}

/* exit.S: VMRESUME fell through (SDM Vol. 3C §31.3 "VMLAUNCH/VMRESUME"). */
void vmx_resume_failed(void) __attribute__((noreturn));

void
vmx_resume_failed(void)
{
	uint64_t err = 0;
	vmread(VM_INSTRUCTION_ERROR, &err);
	hv_panic("VMRESUME failed: VM-instruction error %lu (%s)", err, vmx_instruction_error_name((uint32_t)err));
}
