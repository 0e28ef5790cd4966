/* Shell command `irqcheck`: the rules of interrupt delivery, checked where
 * the OS can see them (a hypervisor that injects must keep every one):
 *  - RFLAGS.IF: no interrupt interrupts code that runs with IF clear;
 *  - the STI and MOV SS shadows: an interrupt pending while IF was clear is
 *    taken right after the one instruction the shadow covers, not before and
 *    not later (a hypervisor needs interrupt-window exiting for that);
 *  - HLT: a halted CPU wakes on the interrupt, which returns after the HLT;
 *  - priority: COM1 (IRQ 4) raised first, then the timer (IRQ 0), both
 *    waiting while IF is clear: the order they come in is printed, for the
 *    test to compare natively and as a guest (Bochs' 8259 keeps the first
 *    request it signalled, IRQ 4, where a real one would give IRQ 0 first).
 * One line: `irqcheck: ok: order 36 32, if, sti, mov ss, hlt`, or
 * `irqcheck: FAIL: what went wrong`.
 * `irqcheck mask` checks the 8259's mask instead (the rules a hypervisor that
 * emulates COM1 must keep, lab 10): a rising edge of COM1's line while the OS
 * masks IRQ 4 waits, and comes once when the mask opens; one whose line fell
 * before that is gone. One line: `irqcheck mask: ok: ...` or `... FAIL: ...`. */
#include "guestos/cpu/irq.h"
#include "guestos/cpu/irq_trace.h"
#include "guestos/cpu/trap.h"
#include "guestos/dev/pic.h"
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/printf.h"
#include "kernel/serial.h"
#include "kernel/string.h"
#include "kernel/x86.h"

/* About a hundred timer ticks in Bochs; only a broken delivery runs it out. */
#define IRQCHECK_SPINS 20000000ULL
/* LSR reads while `irqcheck mask` waits for COM1: each is a VM exit when the
 * hypervisor emulates COM1, and it looks at its model's line on each one. */
#define IRQCHECK_READS 256

void irq_probe_sti(void);
void irq_probe_movss(void);
void irq_probe_hlt(void);
extern const char irq_probe_sti_after[], irq_probe_movss_after[], irq_probe_hlt_after[];

/* RETURNS: true once IRQ irq is requested or in service (interrupts off). */
static bool
irqcheck_wait_raised(unsigned irq)
{
	for (uint64_t i = 0; i < IRQCHECK_SPINS; i++) {
		if (pic_is_raised(irq))
			return true;
		pause();
	}
	return false;
}

/* RETURNS: true once n interrupts were recorded (interrupts on). */
static bool
irqcheck_wait_count(int n)
{
	for (uint64_t i = 0; i < IRQCHECK_SPINS && irq_trace_count() < n; i++)
		pause();
	return irq_trace_count() >= n;
}

/* RETURNS: NULL when every recorded interrupt came with IF set, else why not. */
static const char *
irqcheck_if_kept(void)
{
	struct irq_trace_entry e;
	for (int i = 0; i < irq_trace_count(); i++) {
		irq_trace_get(i, &e);
		if (!(e.rflags & RFLAGS_IF))
			return "an interrupt came while RFLAGS.IF was clear";
	}
	return NULL;
}

/* Timer and COM1 pending at once; order[] gets the vectors as they came.
 * RETURNS: NULL, or what went wrong. */
static const char *
irqcheck_priority(uint64_t order[2])
{
	struct irq_trace_entry a, b;
	irq_trace_start();
	outb(COM1_BASE + UART_IER, UART_IER_RDA | UART_IER_THRE);
	bool raised = irqcheck_wait_raised(IRQ_COM1) && irqcheck_wait_raised(IRQ_TIMER);
	sti();
	bool came = irqcheck_wait_count(2);
	cli();
	outb(COM1_BASE + UART_IER, UART_IER_RDA);
	if (!raised)
		return "the timer and COM1 were not both raised";
	if (!came)
		return "the two pending interrupts did not both come";
	irq_trace_get(0, &a);
	irq_trace_get(1, &b);
	order[0] = a.vector;
	order[1] = b.vector;
	return irqcheck_if_kept();
}

/* probe, with a timer interrupt pending if asked; it must arrive at `after`.
 * RETURNS: NULL, or why not. */
static const char *
irqcheck_shadow(void (*probe)(void), const char *after, const char *what, bool pending)
{
	static char why[96];
	struct irq_trace_entry e;
	irq_trace_start();
	if (pending && !irqcheck_wait_raised(IRQ_TIMER))
		return "the timer was not raised";
	probe();
	bool came = irqcheck_wait_count(1);
	cli();
	if (!came)
		return "no interrupt came after STI";
	irq_trace_get(0, &e);
	if (e.rip != (uint64_t)after) {
		ksnprintf(why, sizeof(why), "%s: interrupt taken at %lx, want %lx (after the instruction)", what,
			  e.rip, (uint64_t)after);
		return why;
	}
	return irqcheck_if_kept();
}

/* Interrupts on for IRQCHECK_READS reads of COM1's LSR.
 * RETURNS: how many COM1 interrupts were recorded since irq_trace_start. */
static int
irqcheck_com1_taken(void)
{
	struct irq_trace_entry e;
	int n = 0;
	sti();
	for (int i = 0; i < IRQCHECK_READS; i++)
		inb(COM1_BASE + UART_LSR);
	cli();
	for (int i = 0; i < irq_trace_count(); i++) {
		irq_trace_get(i, &e);
		n += e.vector == TRAP_IRQ_BASE + IRQ_COM1;
	}
	return n;
}

/* COM1's THR-empty interrupt is the line: enabling it with the transmitter
 * empty raises it, and it stays up (the OS's handler does not read IIR) until
 * disabled (16550 data sheet, "Interrupt Enable Register"). The timer is
 * masked too, so that only COM1 can come. Interrupts off.
 * RETURNS: NULL, or what went wrong. */
static const char *
irqcheck_mask_rules(void)
{
	static char why[96];
	irq_trace_start();
	pic_mask(IRQ_TIMER);
	pic_mask(IRQ_COM1);
	serial_drain(COM1_BASE);
	outb(COM1_BASE + UART_IER, UART_IER_RDA | UART_IER_THRE);
	if (irqcheck_com1_taken())
		return "COM1's interrupt came while IRQ 4 was masked";
	pic_unmask(IRQ_COM1);
	int n = irqcheck_com1_taken();
	if (n != 1) {
		ksnprintf(why, sizeof(why), "COM1's edge held while masked came %d times when unmasked, want 1", n);
		return why;
	}
	outb(COM1_BASE + UART_IER, UART_IER_RDA);
	pic_mask(IRQ_COM1);
	irq_trace_start();
	outb(COM1_BASE + UART_IER, UART_IER_RDA | UART_IER_THRE);
	outb(COM1_BASE + UART_IER, UART_IER_RDA);
	pic_unmask(IRQ_COM1);
	if (irqcheck_com1_taken())
		return "COM1's interrupt came though its line fell while IRQ 4 was masked";
	return NULL;
}

/* The mask rules, then COM1 and the timer as the OS had them. */
static int
irqcheck_mask(void)
{
	uint64_t flags = irq_save();
	const char *why = irqcheck_mask_rules();
	outb(COM1_BASE + UART_IER, UART_IER_RDA);
	inb(COM1_BASE + UART_IIR);
	pic_unmask(IRQ_COM1);
	pic_unmask(IRQ_TIMER);
	irq_restore(flags);
	if (why) {
		kprintf("irqcheck mask: FAIL: %s\n", why);
		return -EIO;
	}
	kprintf("irqcheck mask: ok: held while masked, once when unmasked, gone when the line fell\n");
	return 0;
}

static int
irqcheck_cmd(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "mask") == 0)
		return irqcheck_mask();
	if (argc != 1)
		return SHELL_USAGE;
	uint64_t order[2] = { 0, 0 };
	uint64_t flags = irq_save();
	const char *why = irqcheck_priority(order);
	if (!why)
		why = irqcheck_shadow(irq_probe_sti, irq_probe_sti_after, "sti", true);
	if (!why)
		why = irqcheck_shadow(irq_probe_movss, irq_probe_movss_after, "mov ss", true);
	if (!why)
		why = irqcheck_shadow(irq_probe_hlt, irq_probe_hlt_after, "hlt", false);
	irq_restore(flags);
	if (why) {
		kprintf("irqcheck: FAIL: %s\n", why);
		return -EIO;
	}
	kprintf("irqcheck: ok: order %lu %lu, if, sti, mov ss, hlt\n", order[0], order[1]);
	return 0;
}

SHELL_COMMAND(irqcheck, "irqcheck", "irqcheck [mask]",
	      "interrupt delivery: IF, the STI and MOV SS shadows, HLT, priority; or the 8259's mask", irqcheck_cmd);
