/* Descriptor tables of the hypervisor (SDM Vol. 3A §3.4.5 "Segment
 * Descriptors", §8.7 "Task Management in 64-bit Mode", §6.14.1 "64-Bit
 * Mode IDT"). Exceptions run on their own IST stack, so even a hypervisor
 * stack overflow ends in a readable hv_panic instead of a triple fault. */
#include "hv/cpu.h"
#include "hv/panic.h"
#include "hv/regs.h"
#include "kernel/desc.h"
#include "kernel/string.h"
#include "kernel/vectors.h"
#include "kernel/x86.h"

struct exception_frame {
	struct hv_regs regs;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

static uint64_t gdt[5] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));
static struct idt_gate idt[VECTOR_EXCEPTIONS] __attribute__((aligned(16)));
static char ist_stack[8192] __attribute__((aligned(16)));

/* exception.S */
extern const uint64_t hv_exception_stubs[VECTOR_EXCEPTIONS];
void hv_load_segments(void);
void hv_exception(const struct exception_frame *f) __attribute__((noreturn));

void
cpu_init(void)
{
	memset(&tss, 0, sizeof(tss));
	tss.ist[0] = (uint64_t)(ist_stack + sizeof(ist_stack));
	tss.iomap_base = sizeof(tss);
	gdt[0] = 0;
	gdt[1] = DESC_KERNEL_CODE64;
	gdt[2] = DESC_KERNEL_DATA;
	desc_set_tss(&gdt[3], &tss);
	/* Every exception on IST 1: a fault on a broken stack still gets a report. */
	for (int v = 0; v < VECTOR_EXCEPTIONS; v++)
		idt[v] = desc_gate(hv_exception_stubs[v], HV_CODE_SEL, 1, GATE_INTERRUPT);
	struct desc_ptr gdtr = { sizeof(gdt) - 1, (uint64_t)gdt };
	struct desc_ptr idtr = { sizeof(idt) - 1, (uint64_t)idt };
	lgdt(&gdtr);
	hv_load_segments();
	ltr(HV_TSS_SEL);
	lidt(&idtr);
}

uint64_t
cpu_gdt_base(void)
{
	return (uint64_t)gdt;
}

uint64_t
cpu_idt_base(void)
{
	return (uint64_t)idt;
}

uint64_t
cpu_tss_base(void)
{
	return (uint64_t)&tss;
}

void
hv_exception(const struct exception_frame *f)
{
	hv_panic("exception %lu %s error %lx at rip %lx rsp %lx cr2 %lx rax %lx rbx %lx rcx %lx rdx %lx",
		 f->vector, vector_name(f->vector), f->error, f->rip, f->rsp, read_cr2(), f->regs.gpr[GPR_RAX], f->regs.gpr[GPR_RBX],
		 f->regs.gpr[GPR_RCX], f->regs.gpr[GPR_RDX]);
}
