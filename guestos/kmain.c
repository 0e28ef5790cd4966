/* The guest OS's C entry point: called by boot/entry.S in long mode. */
#include "guestos/cpu/gdt.h"
#include "guestos/hvload/loader.h"
#include "guestos/dev/ide.h"
#include "guestos/cpu/idt.h"
#include "guestos/mm/paging.h"
#include "guestos/dev/pic.h"
#include "guestos/dev/pit.h"
#include "guestos/mm/pmm.h"
#include "guestos/shell/scenario.h"
#include "guestos/shell/shell.h"
#include "guestos/task/task.h"
#include "guestos/dev/uart.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/multiboot2.h"
#include "kernel/power.h"
#include "kernel/serial.h"
#include "kernel/x86.h"

/* Read by the GDB test (tests/gdb.sh): set before the first line is printed. */
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
	/* Printed by the polled early console (kernel/serial.c), before any driver. */
	kprintf("guestos: starting\n");
	gdt_init();
	idt_init();
	pic_init();
	pit_init();
	uart_init();
	pmm_init(info);
	paging_init();
	loader_init(info);
	task_init();
	sti();
	kprintf("guestos: booted, cmdline \"%s\"\n", multiboot2_cmdline(info));
	ide_init();
	scenario_start(multiboot2_cmdline(info));
	shell_run();
}
