/* Shell command `mem`: the physical page allocator's counters. */
#include "guestos/mm/pmm.h"
#include "guestos/shell/report.h"
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"

static int
mem_cmd(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return SHELL_USAGE;
	kprintf("mem: %lu pages free of %lu (%lu KiB free)\n", pmm_free_pages(), pmm_total_pages(),
		pmm_free_pages() * PAGE_SIZE / 1024);
	report_kv("free_pages", "%lu", pmm_free_pages());
	report_kv("total_pages", "%lu", pmm_total_pages());
	return 0;
}

SHELL_COMMAND(mem, "mem", "mem", "free and total physical pages", mem_cmd);
