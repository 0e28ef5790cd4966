/* The scheduler: preemptive round robin over runnable tasks, one timer tick
 * per time slice; the idle thread runs only when nothing else can. */
#ifndef GUESTOS_SCHED_H
#define GUESTOS_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include "guestos/task/task.h"

/* Gives the CPU to the next runnable task (returns at once when there is none).
 * A caller that set its own state to sleeping, waiting or zombie with
 * interrupts off gets back only when it is runnable again. */
void sched_yield(void);

/* RETURNS: the running task. */
struct task *sched_current(void);

/* Starts scheduling with `boot` as the running task and `idle` as the task of
 * last resort. Called once by task_init(). */
void sched_start(struct task *boot, struct task *idle);

/* Sleeps the current task for `ticks` timer ticks. */
void sched_sleep(uint64_t ticks);

/* Makes a sleeping/waiting task runnable. */
void sched_wake(struct task *t);

/* Called by the timer interrupt: wakes sleepers, ends the time slice. */
void sched_tick(uint64_t now);

/* RETURNS: true when the time slice is over (checked on the way out of a trap). */
bool sched_is_slice_over(void);

/* RETURNS: true when a task other than the current one and idle is runnable. */
bool sched_has_others_runnable(void);

#endif
