/* The `driver` shell command: shows and sets each device's driver mode
 * (guestos/dev/dualmode.h). */
#include "guestos/dev/dev.h"
#include "guestos/dev/dualmode.h"
#include "guestos/dev/hvcons.h"
#include "guestos/dev/pit.h"
#include "guestos/shell/driver_measure.h"
#include "guestos/cpu/irq.h"
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"

static void
driver_cmd_list(void)
{
	kprintf("console: %s (driver %s, %lu IRQ 4 forwarded by the hypervisor)\n",
		dualmode_mode_name(dualmode_get(DUALMODE_CONSOLE)), dev_console()->name, hvcons_irqs());
	kprintf("disk: %s (driver %s)\n", dualmode_mode_name(dualmode_get(DUALMODE_DISK)), dev_disk()->name);
}

/* Switches the console through every mode the hypervisor offers, one
 * switch per timer tick, n rounds, then back to the mode it had: typed
 * bytes keep arriving meanwhile and must all reach the shell, in order. */
static int
driver_cmd_cycle(const char *count)
{
	unsigned long long n;
	if (parse_u64(count, &n) || n == 0)
		return SHELL_USAGE;
	enum dualmode_mode start = dualmode_get(DUALMODE_CONSOLE);
	unsigned long switches = 0;
	int err = 0;
	for (unsigned long long i = 0; i < n && !err; i++) {
		for (int mode = 0; mode < DUALMODE_MODES && !err; mode++) {
			err = dualmode_set(DUALMODE_CONSOLE, mode);
			if (err == -ENOSYS) {
				err = 0;
				continue;
			}
			switches += !err;
			uint64_t tick = pit_ticks();
			while (pit_ticks() == tick)
				irq_idle();
		}
	}
	if (!err)
		err = dualmode_set(DUALMODE_CONSOLE, start);
	kprintf("driver: cycle: %lu console switches, now %s%s%s\n", switches,
		dualmode_mode_name(dualmode_get(DUALMODE_CONSOLE)), err ? ", failed: " : "", err ? errno_name(err) : "");
	return err;
}

static int
driver_cmd(int argc, char **argv)
{
	if (argc == 1) {
		driver_cmd_list();
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "measure") == 0)
		return driver_measure();
	if (argc == 3 && strcmp(argv[1], "cycle") == 0)
		return driver_cmd_cycle(argv[2]);
	if (argc != 3)
		return SHELL_USAGE;
	int dev = -1, mode = -1;
	for (int i = 0; i < DUALMODE_DEVS; i++)
		if (strcmp(argv[1], dualmode_dev_name(i)) == 0)
			dev = i;
	for (int i = 0; i < DUALMODE_MODES; i++)
		if (strcmp(argv[2], dualmode_mode_name(i)) == 0)
			mode = i;
	if (dev < 0 || mode < 0)
		return SHELL_USAGE;
	int err = dualmode_set(dev, mode);
	if (err == -ENOENT)
		kprintf("driver: %s %s needs the hypervisor on\n", argv[1], argv[2]);
	else if (err == -ENOSYS)
		kprintf("driver: %s %s: the hypervisor does not offer it (ENOSYS); now %s\n", argv[1], argv[2],
			dualmode_mode_name(dualmode_get(dev)));
	else if (err)
		kprintf("driver: %s %s failed: %s; now %s\n", argv[1], argv[2], errno_name(err),
			dualmode_mode_name(dualmode_get(dev)));
	else
		kprintf("driver: %s %s\n", argv[1], argv[2]);
	return err;
}

SHELL_COMMAND(driver, "driver", "driver [console|disk direct|emulated|hypercall] | cycle N | measure",
	      "show or set each device's driver mode (direct, emulated, hypercall)", driver_cmd);
