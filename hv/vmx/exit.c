/* VM-exit dispatch and the handlers, one per exit reason (SDM Vol. 3C
 * Chapter 26 "VMX Non-Root Operation" says what exits and why; §28.2
 * "Recording VM-Exit Information" says what we learn). Each handler is an
 * adapter: it decodes the exit, calls the core (hv/cpuid.c, hv/intr.c,
 * hv/hypercall.c, hv/io.c) and applies what the core answers. The path is
 * silent: what happened is counted, and the last 64 exits are kept for
 * hv_panic. */
#include "hv/vmx/vmx.h"
#include "hv/vmx/ept.h"
#include "hv/vmx/vmx_insn.h"
#include "hv/abi.h"
#include "hv/arch.h"
#include "hv/cpuid.h"
#include "hv/cr.h"
#include "hv/emulate.h"
#include "hv/hypercall.h"
#include "hv/intr.h"
#include "hv/io.h"
#include "hv/panic.h"
#include "hv/shadow_pt.h"
#include "hv/stats.h"
#include "hv/vmx/controls.h"
#include "hv/vmx/names.h"
#include "hv/vmx/vmcs.h"
#include "kernel/lab.h"
#include "kernel/vectors.h"
#include "kernel/x86.h"

enum exit_reason {
	EXIT_REASON_EXCEPTION_OR_NMI = 0,
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
	EXIT_REASON_EPT_VIOLATION = 48,
	EXIT_REASON_EPT_MISCONFIG = 49,
	EXIT_REASON_INVEPT = 50,
	EXIT_REASON_INVVPID = 53,
	EXIT_REASON_VMFUNC = 59,
};


void
arch_skip_instruction(void)
{
	vmcs_write(GUEST_RIP, vmcs_read(GUEST_RIP) + vmcs_read(VM_EXIT_INSTRUCTION_LEN));
	/* The instruction is done, so the STI or MOV SS shadow it sat in is over. */
	uint64_t intr = vmcs_read(GUEST_INTERRUPTIBILITY_INFO);
	if (intr & (BLOCKING_BY_STI | BLOCKING_BY_MOV_SS))
		vmcs_write(GUEST_INTERRUPTIBILITY_INFO, intr & ~(uint64_t)(BLOCKING_BY_STI | BLOCKING_BY_MOV_SS));
}

unsigned
arch_guest_cpl(void)
{
	/* CPL is SS.DPL (SDM Vol. 3C §25.4.1 "Guest Register State", access rights bits 6:5). */
	return (vmcs_read(GUEST_SS_AR) >> 5) & 3;
}

void
arch_guest_paging(bool *wp, bool *nxe)
{
	*wp = vmcs_read(GUEST_CR0) & CR0_WP;
	*nxe = vmcs_read(GUEST_IA32_EFER) & EFER_NXE;
}

uint32_t
arch_hypercall_insn(void)
{
	return HV_HYPERCALL_VMCALL;
}

static bool
vmx_exit_external_interrupt(struct hv_regs *r)
{
	(void)r;
	/* LAB 08 BEGIN: the vector the CPU acknowledged on exit goes to the queue */
	/* LAB 08 STUB: lab_not_implemented("LAB 08: vmx_exit_external_interrupt"); */
	uint32_t info = (uint32_t)vmcs_read(VM_EXIT_INTR_INFO);
	if (info & INTR_INFO_VALID)
		intr_queue((uint8_t)info);
	return true;
	/* LAB 08 END */
}

static bool
vmx_exit_cpuid(struct hv_regs *r)
{
	return cpuid_exit(r);
}

/* HLT: the guest sleeps in activity state HLT until we inject its next
 * interrupt (SDM Vol. 3C §25.4.2 "Guest Non-Register State"). */
static bool
vmx_exit_hlt(struct hv_regs *r)
{
	(void)r;
	arch_skip_instruction();
	if (!intr_pending())
		vmcs_write(GUEST_ACTIVITY_STATE, ACTIVITY_HLT);
	return true;
}

/* No VPID: every VM entry and exit flushes the guest's linear mappings
 * anyway; invalidating here too keeps this correct when VPIDs come. The
 * shadow drops the page as the guest's TLB would. */
static bool
vmx_exit_invlpg(struct hv_regs *r)
{
	(void)r;
	uint64_t va = vmcs_read(EXIT_QUALIFICATION);
	invlpg(va);
	shadow_pt_invlpg(va);
	arch_skip_instruction();
	return true;
}

static bool
vmx_exit_vmcall(struct hv_regs *r)
{
	return hypercall_exit(r);
}

/* VMX is hidden from the guest: its VMX instructions fault as on a CPU
 * without VMX (SDM Vol. 3C §26.1.2 "Instructions That Cause VM Exits
 * Unconditionally"; we answer #UD). */
static bool
vmx_exit_vmx_instruction(struct hv_regs *r)
{
	(void)r;
	arch_inject_exception(VECTOR_UD, false, 0);
	return true;
}

static uint64_t
gpr_get(const struct hv_regs *r, unsigned n)
{
	return n == GPR_RSP ? vmcs_read(GUEST_RSP) : r->gpr[n];
}

static void
gpr_set(struct hv_regs *r, unsigned n, uint64_t v)
{
	if (n == GPR_RSP)
		vmcs_write(GUEST_RSP, v);
	else
		r->gpr[n] = v;
}

/* The one place a validated guest CR3 goes into guest state, through memory
 * interposition (hv/shadow_pt.c), which says what the CPU runs on; tables
 * in the hypervisor's block are refused with #GP(0), as a CR3 with reserved
 * bits is (SDM Vol. 2B "MOV—Move to/from Control Registers").
 * RETURNS: true when loaded, false when #GP was injected. */
static bool
guest_cr3_load(uint64_t cr3)
{
	uint64_t cpu_cr3;
	bool pge = vmcs_read(GUEST_CR4) & CR4_PGE;
	if (shadow_pt_cr3_load(cr3, pge, &cpu_cr3)) {
		arch_inject_exception(VECTOR_GP, true, 0);
		return false;
	}
	vmcs_write(GUEST_CR3, cpu_cr3);
	return true;
}

/* CR2 is loaded here: a #PF or EPT exit leaves it alone (SDM Vol. 3C §28.1
 * "Architectural State Before a VM Exit"). A #PF met while delivering a #PF
 * or a contributory exception is a #DF (SDM Vol. 3A §6.15 "Exception and
 * Interrupt Reference", Table 6-5). */
void
vmx_inject_pf(uint64_t va, uint32_t error)
{
	uint32_t pending = (uint32_t)vmcs_read(VM_ENTRY_INTR_INFO);
	unsigned v = pending & 0xFF;
	if ((pending & INTR_INFO_VALID) && (pending & INTR_TYPE_MASK) == INTR_TYPE_HARD_EXCEPTION &&
	    (v == VECTOR_PF || v == 0 || (v >= 10 && v <= 13))) {
		arch_inject_exception(VECTOR_DF, true, 0);
		return;
	}
	write_cr2(va);
	arch_inject_exception(VECTOR_PF, true, error);
}

/* An exception in the exception bitmap: only #PF, under shadow paging. A
 * shadow miss is filled and the guest resumes where it faulted; a fault of
 * the guest's own goes to it (vmx_inject_pf). */
static bool
vmx_exit_exception(struct hv_regs *r)
{
	(void)r;
	uint32_t info = (uint32_t)vmcs_read(VM_EXIT_INTR_INFO);
	if ((info & 0xFF) != VECTOR_PF)
		hv_panic("exception exit for vector %u, not in the bitmap", info & 0xFF);
	uint64_t va = vmcs_read(EXIT_QUALIFICATION);
	uint32_t error = (uint32_t)vmcs_read(VM_EXIT_INTR_ERROR_CODE), inject;
	bool wp, nxe;
	arch_guest_paging(&wp, &nxe);
	if (!shadow_pt_fault(va, error, wp, nxe, vmcs_read(GUEST_CR4) & CR4_PGE, &inject))
		return true;
	vmx_inject_pf(va, inject);
	return true;
}

/* MOV to CR: hv/cr.c says whether the CPU would fault and what the
 * register then holds; the guest keeps its view in the read shadows while
 * the real register also holds the bits VMX fixes (SDM Vol. 3C §25.6.6
 * "Guest/Host Masks and Read Shadows for CR0 and CR4"). */
static void
mov_to_cr(struct hv_regs *r, unsigned cr, unsigned gpr)
{
	uint64_t v = gpr_get(r, gpr), out;
	struct cr_view g = { vmx_guest_cr0(), arch_guest_cr3(), vmx_guest_cr4(),
			     (vmcs_read(GUEST_IA32_EFER) & EFER_LMA) != 0 };
	int err = cr == 0 ? cr_check_cr0(&vmx.cr, &g, v, &out)
		: cr == 3 ? cr_check_cr3(&vmx.cr, &g, v, &out)
		: cr == 4 ? cr_check_cr4(&vmx.cr, &g, v, &out)
			  : cr_check_cr8(v, &out);
	if (err) {
		arch_inject_exception(VECTOR_GP, true, 0);
		return;
	}
	if (cr == 0) {
		vmcs_write(CR0_READ_SHADOW, out);
		vmcs_write(GUEST_CR0, vmx_fixed_bits(out, vmx.cr0_fixed0, vmx.cr0_fixed1));
	} else if (cr == 3) {
		if (!guest_cr3_load(out))
			return;
	} else if (cr == 4) {
		vmcs_write(CR4_READ_SHADOW, out);
		vmcs_write(GUEST_CR4, vmx_fixed_bits(out, vmx.cr4_fixed0, vmx.cr4_fixed1));
	} else {
		/* No TPR shadow: the guest's CR8 is the real one. */
		write_cr8(out);
	}
	arch_skip_instruction();
}

/* MOV to CR0/CR4 that touch bits we own, every MOV to CR3, and MOV from
 * CR3 (under shadow paging the guest sees its own) or CR8 or to CR8 where a
 * CPU cannot turn those exits off (SDM Vol. 3C
 * §28.2.1 Table 28-3 "Exit Qualification for Control-Register Accesses"). */
static bool
vmx_exit_cr_access(struct hv_regs *r)
{
	uint64_t q = vmcs_read(EXIT_QUALIFICATION);
	unsigned cr = q & 15, type = (q >> 4) & 3, gpr = (q >> 8) & 15;
	if (type == 0 && (cr == 0 || cr == 3 || cr == 4 || cr == 8)) {
		mov_to_cr(r, cr, gpr);
		return true;
	}
	if (type == 1 && (cr == 3 || cr == 8)) {
		gpr_set(r, gpr, cr == 3 ? arch_guest_cr3() : read_cr8());
		arch_skip_instruction();
		return true;
	}
	if (type == 3 && cr == 0) {
		/* LMSW writes CR0 bits 3:0 but cannot clear PE (SDM Vol. 2A "LMSW"). */
		uint64_t src = (q >> 16) & 0xF, shadow = vmcs_read(CR0_READ_SHADOW);
		uint64_t v = (shadow & ~0xEULL) | src | (shadow & 1);
		vmcs_write(CR0_READ_SHADOW, v);
		vmcs_write(GUEST_CR0, (vmcs_read(GUEST_CR0) & ~0xFULL) | (v & 0xF) | (vmx.cr0_fixed0 & 0xF));
		arch_skip_instruction();
		return true;
	}
	hv_panic("unhandled control-register access: CR%u type %u gpr %u", cr, type, gpr);
}

/* Only the ports the core intercepts exit (hv/io.c, hv/emulate.c), decoded
 * from SDM Vol. 3C §28.2.1 Table 28-5 "Exit Qualification for I/O
 * Instructions": size bits 2:0, IN bit 3, string bit 4, REP bit 5, port bits
 * 31:16. For INS/OUTS the memory operand is in "guest-linear address" and
 * the address size in the VM-exit instruction-information field, bits 9:7
 * (§28.2.5 "Information for VM Exits Due to Instruction Execution"). */
static bool
vmx_exit_io(struct hv_regs *r)
{
	uint64_t q = vmcs_read(EXIT_QUALIFICATION);
	uint16_t port = (uint16_t)(q >> 16);
	unsigned size = (q & 7) + 1;
	if (!(q & 16))
		return io_exit(r, port, size, q & 8);
	static const uint64_t masks[3] = { 0xFFFF, 0xFFFFFFFF, ~0ULL };
	unsigned asize = (vmcs_read(VM_EXIT_INSTRUCTION_INFO) >> 7) & 7;
	struct io_string s = {
		.linear = vmcs_read(GUEST_LINEAR_ADDRESS),
		.addr_mask = masks[asize < 3 ? asize : 2],
		.rep = q & 32,
		.down = vmcs_read(GUEST_RFLAGS) & RFLAGS_DF,
	};
	return io_string_exit(r, port, size, q & 8, &s);
}

/* Only hidden MSRs exit (IA32_FEATURE_CONTROL and the VMX capability MSRs)
 * and MSRs outside the bitmap's ranges: both fault as on a CPU without VMX. */
static bool
vmx_exit_msr(struct hv_regs *r)
{
	(void)r;
	arch_inject_exception(VECTOR_GP, true, 0);
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
 * off (SDM Vol. 3C Appendix C "VMX Basic Exit Reasons"), and the core event
 * it counts as. An exit without a handler means the controls and this table
 * disagree: a bug here. */
static const struct {
	bool (*handler)(struct hv_regs *);
	enum hv_event event;
} exit_handlers[] = {
	[EXIT_REASON_EXCEPTION_OR_NMI] = { vmx_exit_exception, HV_EVENT_EXCEPTION },
	[EXIT_REASON_EXTERNAL_INTERRUPT] = { vmx_exit_external_interrupt, HV_EVENT_EXTINT },
	[EXIT_REASON_TRIPLE_FAULT] = { vmx_exit_triple_fault, HV_EVENT_EXCEPTION },
	[EXIT_REASON_INTERRUPT_WINDOW] = { vmx_exit_interrupt_window, HV_EVENT_INTR_WINDOW },
	[EXIT_REASON_CPUID] = { vmx_exit_cpuid, HV_EVENT_CPUID },
	[EXIT_REASON_HLT] = { vmx_exit_hlt, HV_EVENT_HLT },
	[EXIT_REASON_INVLPG] = { vmx_exit_invlpg, HV_EVENT_INVLPG },
	[EXIT_REASON_VMCALL] = { vmx_exit_vmcall, HV_EVENT_HYPERCALL },
	[EXIT_REASON_VMCLEAR ... EXIT_REASON_VMXON] = { vmx_exit_vmx_instruction, HV_EVENT_VIRT_INSN },
	[EXIT_REASON_CR_ACCESS] = { vmx_exit_cr_access, HV_EVENT_CR_ACCESS },
	[EXIT_REASON_IO] = { vmx_exit_io, HV_EVENT_IO },
	[EXIT_REASON_RDMSR] = { vmx_exit_msr, HV_EVENT_MSR },
	[EXIT_REASON_WRMSR] = { vmx_exit_msr, HV_EVENT_MSR },
	[EXIT_REASON_EPT_VIOLATION] = { vmx_exit_ept_violation, HV_EVENT_EXCEPTION },
	[EXIT_REASON_EPT_MISCONFIG] = { vmx_exit_ept_misconfig, HV_EVENT_OTHER },
	[EXIT_REASON_INVEPT] = { vmx_exit_vmx_instruction, HV_EVENT_VIRT_INSN },
	[EXIT_REASON_INVVPID] = { vmx_exit_vmx_instruction, HV_EVENT_VIRT_INSN },
	[EXIT_REASON_VMFUNC] = { vmx_exit_vmx_instruction, HV_EVENT_VIRT_INSN },
};
#define EXIT_HANDLERS (sizeof(exit_handlers) / sizeof(exit_handlers[0]))

/* RETURNS: the core event a basic exit reason counts as; HV_EVENT_OTHER for
 * one without a handler (the dispatch panics on it right after counting). */
static enum hv_event
exit_event(uint32_t basic)
{
	return basic < EXIT_HANDLERS && exit_handlers[basic].handler ? exit_handlers[basic].event : HV_EVENT_OTHER;
}

bool
vmx_exit_dispatch(struct hv_regs *r)
{
	uint64_t t0 = rdtsc();
	bool resume;
	/* LAB 07 BEGIN: read the exit reason; a failed VM entry stops here; count the basic reason */
	/* LAB 07 STUB: uint32_t basic = 0; (void)exit_event; */
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
	stats_exit(exit_event(basic), basic, vmcs_read(EXIT_QUALIFICATION), vmcs_read(GUEST_RIP), t0);
	/* LAB 07 END */
	reinject_vectoring_event();
	/* LAB 07 BEGIN: call the handler named after the exit; an exit without one is a bug */
	/* LAB 07 STUB: (void)r; (void)basic; (void)exit_handlers; */
	/* LAB 07 STUB: lab_not_implemented("LAB 07: vmx_exit_dispatch: handler call"); */
	if (basic >= EXIT_HANDLERS || !exit_handlers[basic].handler)
		hv_panic("unhandled exit reason %u (%s), qualification %lx, guest rip %lx", basic,
			 vmx_exit_reason_name(basic), vmcs_read(EXIT_QUALIFICATION), vmcs_read(GUEST_RIP));
	resume = exit_handlers[basic].handler(r);
	/* LAB 07 END */
	/* The emulated devices move on at every exit (bytes in and out, IRQ edges). */
	emulate_poll();
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
