/* The scenario table. A line "phase NAME" opens a report phase (guestos/shell/report.h);
 * every other line is a command, echoed after the prompt as if typed,
 * then run by the shell; the scenario goes on after a failed command, so its
 * log shows every failure. */
#include "guestos/shell/scenario.h"
#include "guestos/shell/report.h"
#include "guestos/shell/shell.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/power.h"
#include "kernel/printf.h"
#include "kernel/string.h"

#define SCENARIO_NAME_MAX 32
#define SCENARIO_LINE_MAX 128

struct scenario {
	const char *name;
	const char *const *lines;	/* NULL-terminated */
};

/* The measured workloads, with fixed sizes: run natively and as a guest, so
 * the two phases of the demo and of the bench compare like with like. */
#define MEASURED_EACH(X) \
	X("run cpu 20000") X("run syscall 1000") X("run ctxsw 100") X("run pagefault 64") X("run uart 64") \
	X("run disk 8")
#define MEASURED_PLAIN(run) run,
#define MEASURED_WORKLOADS MEASURED_EACH(MEASURED_PLAIN)
/* make bench: each workload starts right after a timer tick, so the runs
 * before `hv load` and after `hv unload` compare instruction for instruction. */
#define MEASURED_ALIGNED(run) "ticks wait", run,
#define MEASURED_WORKLOADS_ALIGNED MEASURED_EACH(MEASURED_ALIGNED)

/* Each driver mode in turn, under the hypervisor: driver measure's costs
 * and lost=0, and the uart and disk workloads; hv off puts the drivers back
 * to direct. */
#define DEVICES_PER_MODE                                                                               \
	"phase devices", "driver console direct", "driver disk direct", "driver measure", "run uart 64", \
		"run disk 8", "phase devices", "driver console emulated", "driver disk emulated",         \
		"driver measure", "run uart 64", "run disk 8", "phase devices", "driver console hypercall", \
		"driver disk hypercall",                                                                   \
		"driver measure", "run uart 64", "run disk 8"

/* The whole tour, in phases (`make run` reports one line per phase): every
 * command and every workload. */
static const char *const scenario_demo[] = {
	"phase boot",
	"help",
	"mem",
	"ps",
	"ticks",
	"phase native",
	MEASURED_WORKLOADS
	"run spaces 100",
	"run fault-null",
	"run fault-priv",
	"phase load",
	"hv load",
	"hv status",
	"phase interpose",
	"hv on",
	"cpuid 1",
	"cpuid 0x40000000",
	"hv probe",
	"phase workload",
	MEASURED_WORKLOADS
	"run preempt 200000",
	"run spaces 100",
	"run badptr",
	"run fault-null",
	"run fault-priv",
	"run fault-vmcall",
	"disk info",
	"disk write 100 devirt 4",
	"disk read 100",
	"disk sum 100 4",
	"ps",
	"hv check",
	"hv status",
	"phase isolation",
	"attack all",
	DEVICES_PER_MODE,
	"phase devirtualize",
	"hv off",
	"cpuid 1",
	"hv probe",
	"disk sum 100 4",
	"phase unload",
	"hv unload",
	"mem",
	"phase cycles",
	"hv cycle 100",
	"mem",
	"ps",
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

/* make bench: the workloads with fixed sizes, natively, under each memory
 * interposition (shadow, then after a devirtualized run ept, vtlb, none) and
 * natively again after `hv unload`; tools/bench.sh turns the phase figures
 * into `bench KEY=VALUE` lines. */
static const char *const scenario_bench[] = {
	/* Unmeasured: the first workload after boot costs 84 instructions more
	 * than any later one, hypervisor or not (docs/exactness.md). */
	"run syscall 10",
	"phase native",
	MEASURED_WORKLOADS_ALIGNED
	"phase devices",
	"driver measure",
	"phase interpose",
	"hv load",
	"hv on",
	"phase interposed",
	MEASURED_WORKLOADS_ALIGNED
	"hv status",
	"phase devices",
	"driver measure",
	"phase devices",
	"driver console emulated",
	"driver disk emulated",
	"driver measure",
	"phase devices",
	"driver console hypercall",
	"driver disk hypercall",
	"driver measure",
	"phase devirtualize",
	"hv off",
	"hv unload",
	/* The same again with the hypervisor gone: anything it left behind
	 * shows as a cost that differs from the native phase (devirt_ratio). */
	"phase devirtualized",
	MEASURED_WORKLOADS_ALIGNED
	"phase ept",
	"hv load",
	"hv on ept",
	MEASURED_WORKLOADS_ALIGNED
	"hv status",
	"hv off",
	"phase vtlb",
	"hv on vtlb",
	MEASURED_WORKLOADS_ALIGNED
	"hv status",
	"hv off",
	"phase none",
	"hv on none",
	MEASURED_WORKLOADS_ALIGNED
	"hv status",
	"hv off",
	"hv unload",
	NULL,
};

/* The hypervisor under running workloads, then handed back and unloaded
 * (needs VMX: Bochs; in QEMU `hv on` refuses and the rest runs natively). */
static const char *const scenario_hv[] = {
	"phase interpose",
	"mem",
	"hv load",
	"hv on",
	"cpuid 0x40000000",
	"phase guest",
	"run cpu 20000",
	"run preempt 200000",
	"run syscall 1000",
	"run pagefault 64",
	"run fault-vmcall",
	"hv status",
	"hv check",
	"phase devirtualize",
	"hv off",
	"hv unload",
	"phase cycle",
	"hv cycle 10",
	"mem",
	NULL,
};

/* make trace: a short interposed run, every exit traced (TRACE=1 build). */
static const char *const scenario_trace[] = {
	"phase trace",
	"hv load",
	"hv on",
	"cpuid 1",
	"cpuid 0x40000000",
	"run syscall 100",
	"run ctxsw 20",
	"hv status",
	"hv off",
	"hv unload",
	NULL,
};

static const struct scenario scenarios[] = {
	{ "demo", scenario_demo },
	{ "smoke", scenario_smoke },
	{ "hv", scenario_hv },
	{ "bench", scenario_bench },
	{ "trace", scenario_trace },
};

#define SCENARIO_COUNT (sizeof(scenarios) / sizeof(scenarios[0]))

static void __attribute__((noreturn))
scenario_run(const struct scenario *s)
{
	char line[SCENARIO_LINE_MAX];
	char failure[SCENARIO_LINE_MAX + 32] = "";
	kprintf("scenario: %s\n", s->name);
	for (const char *const *l = s->lines; *l; l++) {
		if (strncmp(*l, "phase ", 6) == 0) {
			report_end(!failure[0], failure);
			report_begin(*l + 6);
			failure[0] = '\0';
			continue;
		}
		kprintf("%s%s\n", SHELL_PROMPT, *l);
		strlcpy(line, *l, sizeof(line));
		int err = shell_execute(line);
		if (err && !failure[0])
			ksnprintf(failure, sizeof(failure), "`%s` failed (%s)", *l, errno_name(err));
	}
	report_end(!failure[0], failure);
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
