/* Task lifecycle: creation of ring-3 tasks (address space, stacks, first
 * trap frame), exit, kill, reaping, and demand-zero heap pages. */
#include "guestos/task/task.h"
#include "guestos/cpu/gdt.h"
#include "guestos/cpu/irq.h"
#include "guestos/mm/paging.h"
#include "guestos/mm/pmm.h"
#include "guestos/task/sched.h"
#include "guestos/task/switch.h"
#include "guestos/user/ulib.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define KSTACK_SIZE (TASK_KSTACK_PAGES * PAGE_SIZE)
#define SWITCH_FRAME_REGS 6

/* The user program section (guestos/guestos.ld): mapped at USER_CODE_BASE. */
extern char user_start[], user_end[];

static struct task tasks[TASK_MAX];
static int next_pid;

struct task *
task_slot(int i)
{
	return &tasks[i];
}

const char *
task_state_name(enum task_state s)
{
	static const char *const names[] = { "free", "runnable", "sleeping", "waiting", "zombie" };
	return names[s];
}

static void task_free(struct task *t);

/* RETURNS: a free slot with a fresh pid, or NULL. Detached tasks that have
 * exited are reclaimed here: they are not running, so their stack is unused. */
static struct task *
task_alloc(const char *name)
{
	for (int i = 0; i < TASK_MAX; i++) {
		/* Claimed with interrupts off: two threads may be spawning at once. */
		uint64_t flags = irq_save();
		bool reap = tasks[i].detached && tasks[i].state == TASK_ZOMBIE;
		if (reap)
			tasks[i].detached = false;
		irq_restore(flags);
		if (reap)
			task_free(&tasks[i]);
	}
	uint64_t flags = irq_save();
	struct task *t = NULL;
	for (int i = 0; i < TASK_MAX && !t; i++) {
		if (tasks[i].state != TASK_FREE)
			continue;
		t = &tasks[i];
		memset(t, 0, sizeof(*t));
		/* Not runnable and not free until the creator says so. */
		t->state = TASK_ZOMBIE;
		t->pid = next_pid++;
	}
	irq_restore(flags);
	if (t)
		strlcpy(t->name, name, sizeof(t->name));
	return t;
}

/* The values context_switch pops (R15 ... RBP), then its return address. */
static uint64_t
prepare_switch_frame(uint64_t sp, uint64_t entry, uint64_t r12, uint64_t rbx)
{
	uint64_t *f = (uint64_t *)(sp - (SWITCH_FRAME_REGS + 1) * 8);
	memset(f, 0, SWITCH_FRAME_REGS * 8);
	f[3] = r12;
	f[4] = rbx;
	f[6] = entry;
	return (uint64_t)f;
}

static long __attribute__((noreturn))
idle_loop(long unused)
{
	(void)unused;
	for (;;) {
		sti();
		hlt();
	}
}

void
task_init(void)
{
	struct task *boot = task_alloc("kmain");
	boot->cr3 = paging_kernel_space();
	boot->state = TASK_RUNNABLE;
	ASSERT(task_spawn_kernel("idle", idle_loop, 0) > 0);
	sched_start(boot, &tasks[1]);
}

static uint64_t
user_address(const void *kernel_address)
{
	return USER_CODE_BASE + ((uint64_t)kernel_address - (uint64_t)user_start);
}

/* Code (shared, read-only, executable) and a zeroed stack (writable, NX).
 * RETURNS: 0 or -ENOMEM. */
static int
map_user_image(uint64_t space)
{
	for (uint64_t off = 0; off < (uint64_t)(user_end - user_start); off += PAGE_SIZE)
		if (paging_map_user(space, USER_CODE_BASE + off, (uint64_t)user_start + off, PTE_SHARED))
			return -ENOMEM;
	for (uint64_t i = 1; i <= USER_STACK_PAGES; i++) {
		uint64_t pa = pmm_alloc_page();
		if (!pa)
			return -ENOMEM;
		memset((void *)pa, 0, PAGE_SIZE);
		if (paging_map_user(space, USER_STACK_TOP - i * PAGE_SIZE, pa, PTE_WRITE | PTE_NX)) {
			pmm_free_page(pa);
			return -ENOMEM;
		}
	}
	return 0;
}

static void
task_free(struct task *t)
{
	if (t->user && t->cr3)
		paging_destroy_space(t->cr3);
	if (t->kstack)
		pmm_free_contig(t->kstack, TASK_KSTACK_PAGES);
	t->state = TASK_FREE;
}

int
task_spawn_user(const char *name, long (*main)(long), long arg)
{
	ASSERT((char *)main >= user_start && (char *)main < user_end);
	struct task *t = task_alloc(name);
	if (!t)
		return -EBUSY;
	t->user = true;
	t->cr3 = paging_create_space();
	t->kstack = pmm_alloc_contig(TASK_KSTACK_PAGES, 1);
	if (!t->cr3 || !t->kstack || map_user_image(t->cr3)) {
		task_free(t);
		return -ENOMEM;
	}
	/* The first return to ring 3 pops this frame: user_entry(arg, main). */
	struct trap_frame *tf = (struct trap_frame *)(t->kstack + KSTACK_SIZE - sizeof(*tf));
	memset(tf, 0, sizeof(*tf));
	tf->rip = user_address(user_entry);
	tf->cs = GDT_USER_CODE;
	tf->rflags = RFLAGS_IF | RFLAGS_RESERVED1;
	tf->rsp = USER_STACK_TOP - 8; /* as after a call: RSP + 8 is 16-byte aligned */
	tf->ss = GDT_USER_DATA;
	tf->rdi = (uint64_t)arg;
	tf->rsi = user_address(main);
	t->rsp = prepare_switch_frame((uint64_t)tf, (uint64_t)trap_return, 0, 0);
	t->state = TASK_RUNNABLE;
	return t->pid;
}

int
task_spawn_kernel(const char *name, long (*fn)(long), long arg)
{
	struct task *t = task_alloc(name);
	if (!t)
		return -EBUSY;
	t->cr3 = paging_kernel_space();
	t->kstack = pmm_alloc_contig(TASK_KSTACK_PAGES, 1);
	if (!t->kstack) {
		task_free(t);
		return -ENOMEM;
	}
	/* kthread_entry calls R12(RBX) with RSP 16-byte aligned. */
	t->rsp = prepare_switch_frame(t->kstack + KSTACK_SIZE - 16, (uint64_t)kthread_entry, (uint64_t)fn,
				      (uint64_t)arg);
	t->detached = true;
	t->state = TASK_RUNNABLE;
	return t->pid;
}

void
task_exit(long code)
{
	cli();
	struct task *t = sched_current();
	t->exit_code = code;
	t->state = TASK_ZOMBIE;
	for (int i = 0; i < TASK_MAX; i++)
		if (tasks[i].state == TASK_WAITING && tasks[i].wait_pid == t->pid)
			sched_wake(&tasks[i]);
	sched_yield();
	panic("task %d ran after its exit", t->pid);
}

void
task_kill_current(const struct trap_frame *tf)
{
	struct task *t = sched_current();
	kprintf("task %d (%s) killed: %s err=0x%lx rip=0x%lx cr2=0x%lx\n", t->pid, t->name, trap_name(tf->vector),
		tf->error, tf->rip, read_cr2());
	t->killed = true;
	t->kill_vector = tf->vector;
	task_exit(-1);
}

int
task_page_fault(uint64_t addr, uint64_t error)
{
	struct task *t = sched_current();
	if (!t->user || (error & PF_PRESENT) || addr < USER_HEAP_BASE ||
	    addr >= USER_HEAP_BASE + USER_HEAP_MAX_PAGES * PAGE_SIZE)
		return -EFAULT;
	uint64_t pa = pmm_alloc_page();
	if (!pa)
		return -ENOMEM;
	memset((void *)pa, 0, PAGE_SIZE);
	int err = paging_map_user(t->cr3, addr & ~(PAGE_SIZE - 1), pa, PTE_WRITE | PTE_NX);
	if (err)
		pmm_free_page(pa);
	return err;
}

int
task_wait(int pid, long *code, bool *killed, uint64_t *kill_vector, uint64_t *preemptions)
{
	struct task *t = NULL;
	for (int i = 0; i < TASK_MAX; i++)
		if (tasks[i].state != TASK_FREE && tasks[i].pid == pid)
			t = &tasks[i];
	if (!t || t == sched_current())
		return -ENOENT;
	uint64_t flags = irq_save();
	while (t->state != TASK_ZOMBIE) {
		struct task *self = sched_current();
		self->wait_pid = pid;
		self->state = TASK_WAITING;
		sched_yield();
	}
	irq_restore(flags);
	*code = t->exit_code;
	*killed = t->killed;
	*kill_vector = t->kill_vector;
	*preemptions = t->preemptions;
	task_free(t);
	return 0;
}
