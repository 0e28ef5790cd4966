/* The scenario table. Each command is echoed after the prompt, as if typed,
 * then run by the shell; the scenario goes on after a failed command, so its
 * log shows every failure. */
#include "guestos/scenario.h"
#include "guestos/shell.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/power.h"
#include "kernel/string.h"

#define SCENARIO_NAME_MAX 32
#define SCENARIO_LINE_MAX 128

struct scenario {
	const char *name;
	const char *const *lines;	/* NULL-terminated */
};

/* The whole tour: every command and every workload. */
static const char *const scenario_demo[] = {
	"help",
	"mem",
	"ps",
	"ticks",
	"run cpu 20000",
	"run preempt 200000",
	"run syscall 1000",
	"run ctxsw 100",
	"run pagefault 64",
	"run uart 64",
	"run disk 8",
	"run spaces 100",
	"run badptr",
	"run fault-null",
	"run fault-priv",
	"ps",
	"mem",
	"disk info",
	"disk write 100 devirt 4",
	"disk read 100",
	"disk sum 100 4",
	"ticks",
	NULL,
};

/* A quick check that the shell, the console and the disk work. */
static const char *const scenario_smoke[] = {
	"help",
	"mem",
	"ps",
	"ticks",
	"run cpu 1000",
	"disk info",
	"disk write 1 0x5a",
	"disk sum 1 1",
	NULL,
};

/* The hypervisor under running workloads, then handed back and unloaded
 * (needs VMX: Bochs; in QEMU `hv on` refuses and the rest runs natively). */
static const char *const scenario_hv[] = {
	"mem",
	"hv load",
	"hv on",
	"cpuid 0x40000000",
	"run cpu 20000",
	"run preempt 200000",
	"run syscall 1000",
	"run pagefault 64",
	"run fault-vmcall",
	"hv status",
	"hv check",
	"hv off",
	"hv unload",
	"hv cycle 10",
	"mem",
	NULL,
};

static const struct scenario scenarios[] = {
	{ "demo", scenario_demo },
	{ "smoke", scenario_smoke },
	{ "hv", scenario_hv },
};

#define SCENARIO_COUNT (sizeof(scenarios) / sizeof(scenarios[0]))

static void __attribute__((noreturn))
scenario_run(const struct scenario *s)
{
	char line[SCENARIO_LINE_MAX];
	kprintf("scenario: %s\n", s->name);
	for (const char *const *l = s->lines; *l; l++) {
		kprintf("%s%s\n", SHELL_PROMPT, *l);
		strlcpy(line, *l, sizeof(line));
		shell_execute(line);
	}
	kprintf("scenario: %s done\n", s->name);
	power_off(POWER_OK);
}

void
scenario_start(const char *cmdline)
{
	char name[SCENARIO_NAME_MAX];
	if (cmdline_get(cmdline, "scenario", name, sizeof(name)) != 0)
		return;
	for (size_t i = 0; i < SCENARIO_COUNT; i++)
		if (strcmp(scenarios[i].name, name) == 0)
			scenario_run(&scenarios[i]);
	kprintf("scenario: unknown scenario \"%s\" (known:", name);
	for (size_t i = 0; i < SCENARIO_COUNT; i++)
		kprintf(" %s", scenarios[i].name);
	kprintf("); starting the shell\n");
}
