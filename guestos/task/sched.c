/* Round-robin scheduling. Every switch happens with interrupts off, inside
 * sched_yield(); a task resumes where it called it (or, the first time, at the
 * entry its kernel stack was prepared with, see task.c). */
#include "guestos/task/sched.h"
#include "guestos/cpu/gdt.h"
#include "guestos/cpu/irq.h"
#include "guestos/dev/pit.h"
#include "guestos/mm/pmm.h"
#include "guestos/task/switch.h"
#include "kernel/panic.h"

static struct task *current;
static struct task *idle;
static volatile bool need_resched;

struct task *
sched_current(void)
{
	return current;
}

void
sched_start(struct task *boot, struct task *idle_task)
{
	current = boot;
	idle = idle_task;
}

/* RETURNS: the next runnable task after the current one in slot order, the
 * current one when it is the only one, else idle. */
static struct task *
pick_next(void)
{
	int start = (int)(current - task_slot(0));
	for (int k = 1; k <= TASK_MAX; k++) {
		struct task *t = task_slot((start + k) % TASK_MAX);
		if (t != idle && t->state == TASK_RUNNABLE)
			return t;
	}
	return idle;
}

void
sched_yield(void)
{
	if (!current)
		return;
	uint64_t flags = irq_save();
	need_resched = false;
	struct task *next = pick_next();
	if (next != current) {
		struct task *prev = current;
		current = next;
		if (next->user)
			gdt_set_kernel_stack(next->kstack + TASK_KSTACK_PAGES * PAGE_SIZE);
		context_switch(&prev->rsp, next->rsp, next->cr3);
	}
	irq_restore(flags);
}

void
sched_sleep(uint64_t ticks)
{
	uint64_t flags = irq_save();
	current->wake_tick = pit_ticks() + ticks;
	current->state = TASK_SLEEPING;
	sched_yield();
	irq_restore(flags);
}

void
sched_wake(struct task *t)
{
	uint64_t flags = irq_save();
	if (t->state == TASK_SLEEPING || t->state == TASK_WAITING)
		t->state = TASK_RUNNABLE;
	irq_restore(flags);
}

void
sched_tick(uint64_t now)
{
	if (!current)
		return;
	for (int i = 0; i < TASK_MAX; i++) {
		struct task *t = task_slot(i);
		if (t->state == TASK_SLEEPING && t->wake_tick <= now)
			t->state = TASK_RUNNABLE;
	}
	need_resched = true;
}

bool
sched_is_slice_over(void)
{
	return need_resched;
}

bool
sched_has_others_runnable(void)
{
	if (!current)
		return false;
	for (int i = 0; i < TASK_MAX; i++) {
		struct task *t = task_slot(i);
		if (t != current && t != idle && t->state == TASK_RUNNABLE)
			return true;
	}
	return false;
}
