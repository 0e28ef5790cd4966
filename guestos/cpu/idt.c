/* IDT of 64-bit interrupt gates (SDM Vol. 3A §6.14.1 "64-Bit Mode IDT").
 * Interrupt gates (not trap gates) for everything, the system call included:
 * the handlers start with IF=0 and decide themselves when to allow interrupts. */
#include "guestos/cpu/idt.h"
#include "guestos/cpu/gdt.h"
#include "guestos/cpu/trap.h"
#include "kernel/desc.h"
#include "kernel/x86.h"

/* trap_entry.S: 48 stubs for vectors 0-47, then the one for TRAP_SYSCALL. */

static struct idt_gate idt[256] __attribute__((aligned(16)));

static void
idt_set_gate(unsigned vector, uint64_t handler, uint8_t type_attr)
{
	idt[vector] = desc_gate(handler, GDT_KERNEL_CODE, 0, type_attr);
}

void
idt_init(void)
{
	for (unsigned v = 0; v < TRAP_IRQ_BASE + TRAP_IRQ_COUNT; v++)
		idt_set_gate(v, trap_stubs[v], GATE_INTERRUPT);
	idt_set_gate(TRAP_SYSCALL, trap_stubs[TRAP_IRQ_BASE + TRAP_IRQ_COUNT], GATE_INTERRUPT | GATE_DPL3);
	struct desc_ptr p = { sizeof(idt) - 1, (uint64_t)idt };
	lidt(&p);
}
