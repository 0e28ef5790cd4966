/* The guest OS's C entry point: called by boot/entry.S in long mode. */
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/multiboot2.h"
#include "kernel/power.h"
#include "kernel/serial.h"
#include "kernel/x86.h"

/* Read by the GDB test (tests/gdb.sh): set before anything is printed. */
volatile unsigned long kmain_boot_magic;

void kmain(unsigned long magic, const struct mb2_info *info) __attribute__((noreturn));

void
kmain(unsigned long magic, const struct mb2_info *info)
{
	kmain_boot_magic = magic;
	serial_init(COM1_BASE);
	if (magic != MB2_BOOTLOADER_MAGIC) {
		kprintf("guestos: not booted by a multiboot2 loader (magic %lx)\n", magic);
		power_off(POWER_FAIL);
	}
	const char *cmdline = mb2_cmdline(info);
	kprintf("guestos: booted, cmdline \"%s\"\n", cmdline);
	char scenario[32];
	if (cmdline_get(cmdline, "scenario", scenario, sizeof(scenario)) == 0)
		kprintf("phase boot: ok scenario=%s tsc=%lu\n", scenario, rdtsc());
	power_off(POWER_OK);
}
