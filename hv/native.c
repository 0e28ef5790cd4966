/* Going native. The order matters: page tables first, because the OS's
 * descriptor tables are at guest-virtual addresses (the hypervisor stays
 * mapped: PML4[511] is shared by every OS address space); then GDT and IDT;
 * then TR, whose descriptor must not be marked busy or LTR faults (SDM Vol. 2A
 * "LTR—Load Task Register"); segments and the IRETQ last (entry.S). */
#include "hv/native.h"
#include "kernel/lab.h"
#include "kernel/x86.h"

#define DESC_TSS_BUSY (1ULL << 41)

void hv_native_return(const struct hv_cpu_state *s, const struct hv_regs *r) __attribute__((noreturn));

void
native_resume(const struct hv_cpu_state *s, const struct hv_regs *r)
{
	/* LAB 03 BEGIN: EFER, PAT, CR0, CR4, CR3; then GDTR, IDTR, TR (busy bit cleared), KERNEL_GS_BASE, LDTR, DEBUGCTL, DR7 */
	/* LAB 03 STUB: (void)s; (void)r; */
	/* LAB 03 STUB: lab_not_implemented("LAB 03: native_resume"); */
	wrmsr(MSR_EFER, s->efer);
	wrmsr(MSR_PAT, s->pat);
	write_cr0(s->cr0);
	write_cr4(s->cr4);
	write_cr3(s->cr3);
	struct desc_ptr gdtr = { s->gdtr_limit, s->gdtr_base };
	struct desc_ptr idtr = { s->idtr_limit, s->idtr_base };
	lgdt(&gdtr);
	lidt(&idtr);
	if (s->tr) {
		volatile uint64_t *desc = (uint64_t *)(s->gdtr_base + (s->tr & ~7u));
		*desc &= ~DESC_TSS_BUSY;
		ltr(s->tr);
	}
	wrmsr(MSR_KERNEL_GS_BASE, s->kernel_gs_base);
	/* After the GDT, which holds the LDT's descriptor; DR7 last, so no
	 * breakpoint of the OS's fires in the hypervisor's code. */
	lldt(s->ldtr);
	/* A VM exit leaves IA32_DEBUGCTL 0, so 0 needs no write; Bochs has no such MSR at all. */
	if (s->debugctl)
		wrmsr(MSR_IA32_DEBUGCTL, s->debugctl);
	write_dr7(s->dr7);
	/* LAB 03 END */
	hv_native_return(s, r);
}

void
native_call_return_regs(struct hv_regs *r, const struct hv_cpu_state *s, int64_t result)
{
	*r = (struct hv_regs){ 0 };
	r->gpr[GPR_RAX] = (uint64_t)result;
	r->gpr[GPR_RBX] = s->rbx;
	r->gpr[GPR_RBP] = s->rbp;
	r->gpr[GPR_R12] = s->r12;
	r->gpr[GPR_R13] = s->r13;
	r->gpr[GPR_R14] = s->r14;
	r->gpr[GPR_R15] = s->r15;
}
