/* Shell commands `ps` (the task table), `ticks` (timer ticks and TSC) and
 * `switchcheck` (context_switch keeps the callee-saved registers). */
#include "guestos/cpu/irq.h"
#include "guestos/cpu/sentinel.h"
#include "guestos/dev/pit.h"
#include "guestos/shell/report.h"
#include "guestos/shell/shell.h"
#include "guestos/task/task.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

static int
ps_cmd(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return SHELL_USAGE;
	kprintf("  PID NAME             STATE     CR3\n");
	for (int i = 0; i < TASK_MAX; i++) {
		const struct task *t = task_slot(i);
		if (t->state != TASK_FREE)
			kprintf("%5d %-16s %-9s 0x%lx%s\n", t->pid, t->name, task_state_name(t->state), t->cr3,
				t->user ? " user" : "");
	}
	return 0;
}

static int
ticks_cmd(int argc, char **argv)
{
	bool wait = argc == 2 && strcmp(argv[1], "wait") == 0;
	if (argc > 2 || (argc == 2 && !wait))
		return SHELL_USAGE;
	/* `ticks wait` returns right after the next tick: what follows meets the
	 * timer at the same points whatever ran before (make bench, devirt_ratio). */
	for (uint64_t t = pit_ticks(); wait && pit_ticks() == t;)
		hlt();
	if (wait)
		return 0;
	kprintf("ticks: %lu (%u Hz) tsc: %lu\n", pit_ticks(), PIT_HZ, rdtsc());
	report_kv("ticks", "%lu", pit_ticks());
	return 0;
}

/* A swapped pair of pops in context_switch goes unnoticed while the C code
 * around it keeps nothing live in those registers: check them directly. */
static int
switchcheck_cmd(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return SHELL_USAGE;
	uint32_t back = 0;
	uint64_t flags = irq_save();
	uint32_t got = (uint32_t)sentinel_call(switch_probe_enter, NULL, 0, &back);
	irq_restore(flags);
	if (!got && !back) {
		kprintf("switchcheck: callee-saved registers kept both ways\n");
		return 0;
	}
	kprintf("switchcheck: FAIL: the new context did not get");
	sentinel_print(got);
	kprintf("; the old one did not get back");
	sentinel_print(back);
	kprintf("\n");
	return -EIO;
}

SHELL_COMMAND(ps, "ps", "ps", "list tasks: pid, name, state, CR3", ps_cmd);
SHELL_COMMAND(ticks, "ticks", "ticks [wait]", "timer ticks since boot and the TSC; wait: until the next tick", ticks_cmd);
SHELL_COMMAND(switchcheck, "switchcheck", "switchcheck", "switch to a context and back: are RBX, RBP, R12-R15 kept", switchcheck_cmd);
