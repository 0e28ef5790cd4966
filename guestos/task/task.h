/* Tasks: kernel threads and ring-3 tasks, each with its own kernel stack; a
 * ring-3 task also has its own address space (CR3). The scheduler is sched.h. */
#ifndef GUESTOS_TASK_H
#define GUESTOS_TASK_H

#include <stdbool.h>
#include <stdint.h>
#include "guestos/cpu/trap.h"

#define TASK_MAX 16
#define TASK_NAME_MAX 16
#define TASK_KSTACK_PAGES 4

/* A ring-3 task's address space, inside PML4[1] (guestos/mm/paging.h USER_BASE):
 * user code (shared, read-only), a stack below USER_STACK_TOP and a heap
 * whose pages appear, zeroed, when first touched. */
#define USER_CODE_BASE USER_BASE
#define USER_STACK_TOP (USER_BASE + 0x40000000ULL)
#define USER_STACK_PAGES 4
#define USER_HEAP_BASE (USER_BASE + 0x80000000ULL)
#define USER_HEAP_MAX_PAGES 16384

enum task_state { TASK_FREE, TASK_RUNNABLE, TASK_SLEEPING, TASK_WAITING, TASK_ZOMBIE };

struct task {
	enum task_state state;
	int pid;
	char name[TASK_NAME_MAX];
	bool user;
	bool detached;		/* nobody waits: the slot is freed after the exit */
	uint64_t cr3;
	uint64_t kstack;	/* physical = virtual base of TASK_KSTACK_PAGES */
	uint64_t rsp;		/* saved by context_switch */
	uint64_t wake_tick;	/* TASK_SLEEPING */
	int wait_pid;		/* TASK_WAITING */
	long exit_code;
	bool killed;
	uint64_t kill_vector;	/* the exception that killed it */
	uint64_t preemptions;	/* times the timer took the CPU from it in ring 3 */
};

/* Turns the running boot code into the kernel thread "kmain" and creates the
 * idle thread. Called once, before interrupts are enabled. */
void task_init(void);

/* Starts a ring-3 task running main(arg) from the user program section
 * (main is the function's kernel link address, see guestos/user/).
 * RETURNS: the pid, or -ENOMEM / -EBUSY (no free slot). */
int task_spawn_user(const char *name, long (*main)(long), long arg);

/* Starts a detached kernel thread running fn(arg) with interrupts on; its
 * slot is reclaimed after it returns. RETURNS: the pid, or -ENOMEM / -EBUSY. */
int task_spawn_kernel(const char *name, long (*fn)(long), long arg);

/* Ends the current task with `code`; never returns. */
void task_exit(long code) __attribute__((noreturn));

/* Prints "task PID (NAME) killed: ..." and ends the current ring-3 task. */
void task_kill_current(const struct trap_frame *tf) __attribute__((noreturn));

/* Demand-zero paging of the current task's heap.
 * RETURNS: 0 when the fault is resolved and the task may go on; -EFAULT for an
 * address outside the heap or a protection fault; -ENOMEM or paging_map_user's
 * error when no page could be mapped. */
int task_page_fault(uint64_t addr, uint64_t error);

/* Waits until task pid has ended, frees it, and reports how it ended.
 * RETURNS: 0, or -ENOENT when no such task exists. */
int task_wait(int pid, long *code, bool *killed, uint64_t *kill_vector, uint64_t *preemptions);

/* RETURNS: the task in slot i (0 <= i < TASK_MAX). */
struct task *task_slot(int i);

/* RETURNS: "runnable", "sleeping", ... */
const char *task_state_name(enum task_state s);

#endif
