/* Shell command `run WORKLOAD [N]`: starts the workload's ring-3 task(s),
 * waits for them and checks what they return, then prints one line:
 *   workload NAME: ok n=N result=R tsc=T ticks=K
 *   workload NAME: FAIL reason */
#include "guestos/dev/dev.h"
#include "guestos/dev/pit.h"
#include "guestos/mm/pmm.h"
#include "guestos/shell/report.h"
#include "guestos/shell/shell.h"
#include "guestos/task/task.h"
#include "guestos/cpu/trap.h"
#include "guestos/user/programs.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define WORKLOAD_MAX_TASKS 4
#define CPU_MAX_N 1000000
#define PREEMPT_MIN_N 10000

struct workload_result {
	long code[WORKLOAD_MAX_TASKS];
	bool killed[WORKLOAD_MAX_TASKS];
	uint64_t vector[WORKLOAD_MAX_TASKS];
	int pid[WORKLOAD_MAX_TASKS];
	uint64_t preemptions[WORKLOAD_MAX_TASKS];
};

struct workload {
	const char *name;
	long (*main)(long);
	int tasks;
	long default_n;
	long min_n;	/* below it the check can only fail (preempt: done before a timer tick) */
	long max_n;
	/* Checks the tasks' results; writes the result text or the failure reason.
	 * RETURNS: true for ok. */
	bool (*check)(long n, const struct workload_result *r, int tasks, char *out, size_t size);
};

static bool
all_exited(const struct workload_result *r, int tasks, char *out, size_t size)
{
	for (int i = 0; i < tasks; i++) {
		if (r->killed[i]) {
			ksnprintf(out, size, "task %d killed by %s", r->pid[i], trap_name(r->vector[i]));
			return false;
		}
	}
	return true;
}

/* Primes below n with a sieve, independent of the task's trial division. */
static long
primes_below(long n)
{
	uint64_t bytes = (uint64_t)n, pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
	uint8_t *composite = (uint8_t *)pmm_alloc_contig(pages ? pages : 1, 1);
	if (!composite)
		return -ENOMEM;
	memset(composite, 0, pages * PAGE_SIZE);
	long count = 0;
	for (long k = 2; k < n; k++) {
		if (composite[k])
			continue;
		count++;
		for (long m = k * k; m < n; m += k)
			composite[m] = 1;
	}
	pmm_free_contig((uint64_t)composite, pages ? pages : 1);
	return count;
}

static bool
check_cpu(long n, const struct workload_result *r, int tasks, char *out, size_t size)
{
	if (!all_exited(r, tasks, out, size))
		return false;
	long want = primes_below(n);
	ksnprintf(out, size, r->code[0] == want ? "%ld" : "prime count %ld, want %ld", r->code[0], want);
	return r->code[0] == want;
}

/* Every task must return n. */
static bool
check_each_n(long n, const struct workload_result *r, int tasks, char *out, size_t size)
{
	if (!all_exited(r, tasks, out, size))
		return false;
	long total = 0;
	for (int i = 0; i < tasks; i++) {
		if (r->code[i] != n) {
			ksnprintf(out, size, "task %d returned %ld, want %ld", r->pid[i], r->code[i], n);
			return false;
		}
		total += r->code[i];
	}
	ksnprintf(out, size, "%ld", total);
	return true;
}

static bool
check_spaces(long n, const struct workload_result *r, int tasks, char *out, size_t size)
{
	for (int i = 0; i < tasks; i++)
		kprintf("spaces: task %d progress %ld of %ld\n", r->pid[i], r->code[i], n);
	return check_each_n(n, r, tasks, out, size);
}

/* Two compute-bound tasks that never yield: both finish only if the timer
 * takes the CPU from each of them. */
static bool
check_preempt(long n, const struct workload_result *r, int tasks, char *out, size_t size)
{
	if (!all_exited(r, tasks, out, size))
		return false;
	long want = primes_below(n);
	for (int i = 0; i < tasks; i++) {
		kprintf("preempt: task %d preempted %lu times\n", r->pid[i], r->preemptions[i]);
		if (r->code[i] != want) {
			ksnprintf(out, size, "task %d: prime count %ld, want %ld", r->pid[i], r->code[i], want);
			return false;
		}
		if (r->preemptions[i] == 0) {
			ksnprintf(out, size, "task %d was never preempted", r->pid[i]);
			return false;
		}
	}
	ksnprintf(out, size, "%ld", want);
	return true;
}

static bool
check_disk(long n, const struct workload_result *r, int tasks, char *out, size_t size)
{
	if (!all_exited(r, tasks, out, size))
		return false;
	if (r->code[0] < 0) {
		ksnprintf(out, size, r->code[0] == -1 ? "data read back differs" : "disk error %s",
			  errno_name((int)-r->code[0]));
		return false;
	}
	uint32_t sum = 2166136261u;
	for (long i = 0; i < n; i++)
		for (long j = 0; j < SECTOR_SIZE; j++)
			sum = (sum ^ user_disk_pattern(i, j)) * 16777619u;
	long want = (long)(sum & 0x7FFFFFFF);
	ksnprintf(out, size, r->code[0] == want ? "0x%lx" : "checksum 0x%lx, want 0x%lx", r->code[0], want);
	return r->code[0] == want;
}

static bool
check_badptr(long n, const struct workload_result *r, int tasks, char *out, size_t size)
{
	(void)n;
	if (!all_exited(r, tasks, out, size))
		return false;
	ksnprintf(out, size, r->code[0] == USER_BAD_POINTERS ? "%ld" : "%ld of %d bad buffers refused", r->code[0],
		  USER_BAD_POINTERS);
	return r->code[0] == USER_BAD_POINTERS;
}

static bool
check_killed(uint64_t vector, const struct workload_result *r, char *out, size_t size)
{
	if (!r->killed[0]) {
		ksnprintf(out, size, "task %d was not killed (exit %ld)", r->pid[0], r->code[0]);
		return false;
	}
	ksnprintf(out, size, "killed-%s", trap_name(r->vector[0]));
	return r->vector[0] == vector;
}

static bool
check_fault_null(long n, const struct workload_result *r, int tasks, char *out, size_t size)
{
	(void)n, (void)tasks;
	return check_killed(VECTOR_PF, r, out, size);
}

static bool
check_fault_priv(long n, const struct workload_result *r, int tasks, char *out, size_t size)
{
	(void)n, (void)tasks;
	return check_killed(VECTOR_GP, r, out, size);
}

static bool
check_fault_vmcall(long n, const struct workload_result *r, int tasks, char *out, size_t size)
{
	(void)n, (void)tasks;
	return check_killed(VECTOR_UD, r, out, size);
}

static const struct workload workloads[] = {
	{ "cpu", user_cpu, 1, 20000, 0, CPU_MAX_N, check_cpu },
	{ "preempt", user_cpu, 2, 200000, PREEMPT_MIN_N, CPU_MAX_N, check_preempt },
	{ "syscall", user_getpid_loop, 1, 10000, 0, 100000000, check_each_n },
	{ "ctxsw", user_yield_loop, 2, 1000, 0, 10000000, check_each_n },
	{ "pagefault", user_touch_pages, 1, 100, 0, USER_HEAP_MAX_PAGES, check_each_n },
	{ "uart", user_write_bytes, 1, 256, 0, 1000000, check_each_n },
	{ "disk", user_disk_roundtrip, 1, 16, 0, USER_DISK_MAX_SECTORS, check_disk },
	{ "spaces", user_same_address, 3, 1000, 0, 10000000, check_spaces },
	{ "badptr", user_bad_pointers, 1, 1, 0, 1, check_badptr },
	{ "fault-null", user_deref, 1, 1, 0, 1, check_fault_null },
	{ "fault-priv", user_privileged, 1, 1, 0, 1, check_fault_priv },
	{ "fault-vmcall", user_vmcall, 1, 1, 0, 1, check_fault_vmcall },
};

#define WORKLOAD_COUNT (sizeof(workloads) / sizeof(workloads[0]))

/* RETURNS: 0 when the workload ran and its result checked out, -EIO otherwise. */
static int
workload_run(const struct workload *w, long n)
{
	struct workload_result r;
	char text[96];
	int started = 0;
	memset(&r, 0, sizeof(r));
	uint64_t tsc0 = rdtsc(), ticks0 = pit_ticks();
	for (; started < w->tasks; started++) {
		int pid = task_spawn_user(w->name, w->main, n);
		if (pid < 0)
			break;
		r.pid[started] = pid;
	}
	for (int i = 0; i < started; i++)
		task_wait(r.pid[i], &r.code[i], &r.killed[i], &r.vector[i], &r.preemptions[i]);
	uint64_t tsc = rdtsc() - tsc0, ticks = pit_ticks() - ticks0;
	if (started < w->tasks) {
		kprintf("workload %s: FAIL could not start task %d: out of memory or task slots\n", w->name,
			started + 1);
		return -EIO;
	}
	if (!w->check(n, &r, w->tasks, text, sizeof(text))) {
		kprintf("workload %s: FAIL %s\n", w->name, text);
		return -EIO;
	}
	kprintf("workload %s: ok n=%ld result=%s tsc=%lu ticks=%lu\n", w->name, n, text, tsc, ticks);
	char key[32];
	ksnprintf(key, sizeof(key), "%s_tsc", w->name);
	report_kv(key, "%lu", tsc);
	return 0;
}

/* Parses "NAME [N]" of run and bg. RETURNS: 0, SHELL_USAGE, or a negative
 * errno after printing why. */
static int
workload_parse(int argc, char **argv, const struct workload **wp, long *np)
{
	if (argc < 2 || argc > 3)
		return SHELL_USAGE;
	const struct workload *w = NULL;
	for (size_t i = 0; i < WORKLOAD_COUNT; i++)
		if (strcmp(workloads[i].name, argv[1]) == 0)
			w = &workloads[i];
	if (!w) {
		kprintf("%s: unknown workload %s (known:", argv[0], argv[1]);
		for (size_t i = 0; i < WORKLOAD_COUNT; i++)
			kprintf(" %s", workloads[i].name);
		kprintf(")\n");
		return -ENOENT;
	}
	unsigned long long n = (unsigned long long)w->default_n;
	if (argc == 3 && (parse_u64(argv[2], &n) || n < (unsigned long long)w->min_n || n > (unsigned long long)w->max_n)) {
		kprintf("%s: %s: N must be a number from %ld to %ld\n", argv[0], w->name, w->min_n, w->max_n);
		return -EINVAL;
	}
	if (w->main == user_disk_roundtrip && (!dev_disk() || dev_disk()->sectors() == 0)) {
		kprintf("workload %s: FAIL no disk\n", w->name);
		return -ENODEV;
	}
	*wp = w;
	*np = (long)n;
	return 0;
}

static int
run_cmd(int argc, char **argv)
{
	const struct workload *w;
	long n;
	int err = workload_parse(argc, argv, &w, &n);
	return err ? err : workload_run(w, n);
}

/* A background run: the workload index in bits 32 and up, N below. */
static long
workload_thread(long arg)
{
	workload_run(&workloads[arg >> 32], arg & 0xFFFFFFFF);
	return 0;
}

static int
bg_cmd(int argc, char **argv)
{
	const struct workload *w;
	long n;
	int err = workload_parse(argc, argv, &w, &n);
	if (err)
		return err;
	long arg = (long)(w - workloads) << 32 | n;
	int pid = task_spawn_kernel("bg", workload_thread, arg);
	if (pid < 0) {
		kprintf("bg: cannot start a thread: %s\n", errno_name(-pid));
		return pid;
	}
	kprintf("bg: %s started by thread %d\n", w->name, pid);
	return 0;
}

#define WORKLOAD_LIST "cpu preempt syscall ctxsw pagefault uart disk spaces badptr fault-null fault-priv fault-vmcall"

SHELL_COMMAND(run, "run", "run WORKLOAD [N]", "run a ring-3 workload and wait: " WORKLOAD_LIST, run_cmd);
SHELL_COMMAND(bg, "bg", "bg WORKLOAD [N]", "start a workload in the background; its line comes when it ends",
	      bg_cmd);
