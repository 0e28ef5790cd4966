/* The `driver` shell command: shows and sets each device's driver mode
 * (guestos/dev/dualmode.h). */
#include "guestos/dev/dev.h"
#include "guestos/dev/dualmode.h"
#include "guestos/dev/hvcons.h"
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

static int
driver_cmd(int argc, char **argv)
{
	if (argc == 1) {
		driver_cmd_list();
		return 0;
	}
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

SHELL_COMMAND(driver, "driver", "driver [console|disk direct|emulated|hypercall]",
	      "show or set each device's driver mode (direct, emulated, hypercall)", driver_cmd);
