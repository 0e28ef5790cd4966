/* Trap dispatch: exceptions, hardware interrupts and the system-call gate. */
#include "guestos/cpu/trap.h"
#include "guestos/cpu/irq_trace.h"
#include "guestos/cpu/fault_catch.h"
#include "guestos/cpu/irq.h"
#include "guestos/task/sched.h"
#include "guestos/cpu/syscall.h"
#include "guestos/task/task.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/x86.h"

const char *
trap_name(uint64_t vector)
{
	if (vector < VECTOR_EXCEPTIONS)
		return vector_name(vector);
	if (vector < TRAP_IRQ_BASE + TRAP_IRQ_COUNT)
		return "IRQ";
	if (vector == TRAP_SYSCALL)
		return "syscall";
	return "?";
}

/* Prints the vector, name, error code, RIP, CR2 and every register. */
static void
trap_dump(const struct trap_frame *tf)
{
	kprintf("trap %lu (%s) err=0x%lx rip=0x%lx cs=0x%lx rflags=0x%lx cr2=0x%lx\n", tf->vector,
		trap_name(tf->vector), tf->error, tf->rip, tf->cs, tf->rflags, read_cr2());
	kprintf("  rax=%016lx rbx=%016lx rcx=%016lx rdx=%016lx\n", tf->rax, tf->rbx, tf->rcx, tf->rdx);
	kprintf("  rsi=%016lx rdi=%016lx rbp=%016lx rsp=%016lx\n", tf->rsi, tf->rdi, tf->rbp, tf->rsp);
	kprintf("  r8 =%016lx r9 =%016lx r10=%016lx r11=%016lx\n", tf->r8, tf->r9, tf->r10, tf->r11);
	kprintf("  r12=%016lx r13=%016lx r14=%016lx r15=%016lx\n", tf->r12, tf->r13, tf->r14, tf->r15);
	kprintf("  ss=0x%lx cr3=0x%lx\n", tf->ss, read_cr3());
}

/* A fault in ring 3 ends that task; one in the kernel is a bug, unless
 * the kernel was trying an operation under fault_catch. */
static void
trap_exception(struct trap_frame *tf)
{
	if (!trap_is_user(tf) && fault_catch_trap(tf))
		return;
	if (tf->vector == VECTOR_PF && trap_is_user(tf) && task_page_fault(read_cr2(), tf->error) == 0)
		return;
	if (trap_is_user(tf))
		task_kill_current(tf);
	trap_dump(tf);
	panic("kernel exception %s at rip 0x%lx", trap_name(tf->vector), tf->rip);
}

void
trap_dispatch(struct trap_frame *tf)
{
	if (tf->vector < VECTOR_EXCEPTIONS)
		trap_exception(tf);
	else if (tf->vector < TRAP_IRQ_BASE + TRAP_IRQ_COUNT) {
		irq_trace_record(tf->vector, tf->rip, tf->rflags);
		irq_dispatch((unsigned)(tf->vector - TRAP_IRQ_BASE));
	}
	else if (tf->vector == TRAP_SYSCALL)
		syscall_dispatch(tf);
	else
		panic("unexpected trap %lu", tf->vector);
	/* Preemption: only where the interrupted code had interrupts on. */
	if ((tf->rflags & RFLAGS_IF) && sched_is_slice_over()) {
		if (trap_is_user(tf))
			sched_current()->preemptions++;
		sched_yield();
	}
}
