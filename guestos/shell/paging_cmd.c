/* Shell command `pagetest`: a self-check of the mappings the hypervisor loader
 * relies on. Maps pages in PML4[511], writes through them, looks for them from
 * a fresh address space, unmaps them and checks that every page-table page
 * came back. Prints "pagetest: ok ..." or "pagetest: FAIL reason". */
#include "guestos/mm/paging.h"
#include "guestos/mm/pmm.h"
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"

/* The bottom of PML4[511], away from the hypervisor at HV_LINK_BASE; more than
 * 512 pages, so the run needs two page tables. */
#define PAGETEST_VA KERNEL_HIGH_BASE
#define PAGETEST_PAGES 600
#define PAGETEST_MAGIC 0x5A5A00000000ULL

/* RETURNS: NULL when the mapped pages behave, else what went wrong. */
static const char *
pagetest_mapped(uint64_t pa)
{
	for (uint64_t i = 0; i < PAGETEST_PAGES; i++)
		*(volatile uint64_t *)(PAGETEST_VA + i * PAGE_SIZE + 8) = PAGETEST_MAGIC | i;
	for (uint64_t i = 0; i < PAGETEST_PAGES; i++)
		if (*(volatile uint64_t *)(pa + i * PAGE_SIZE + 8) != (PAGETEST_MAGIC | i))
			return "a write through the mapping did not reach its physical page";
	if (paging_map_kernel(PAGETEST_VA + PAGE_SIZE, pa, 1, 0) != -EINVAL)
		return "mapping a mapped page again was not refused";
	uint64_t space = paging_create_space();
	if (!space)
		return "out of memory";
	struct pt_walk r;
	uint64_t va = PAGETEST_VA + (PAGETEST_PAGES - 1) * PAGE_SIZE + 8;
	int err = paging_translate(space, va, &r);
	paging_destroy_space(space);
	if (err || r.pa != pa + (PAGETEST_PAGES - 1) * PAGE_SIZE + 8 || r.user || !r.writable || r.executable)
		return "a new address space does not see the mapping as supervisor, writable, no-execute";
	return NULL;
}

static int
pagetest_cmd(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return SHELL_USAGE;
	uint64_t free0 = pmm_free_pages();
	uint64_t pa = pmm_alloc_contig(PAGETEST_PAGES, 1);
	if (!pa) {
		kprintf("pagetest: FAIL out of memory\n");
		return -ENOMEM;
	}
	const char *why = NULL;
	uint64_t tables = 0;
	if (paging_map_kernel(PAGETEST_VA, pa, PAGETEST_PAGES, PTE_WRITE | PTE_NX)) {
		why = "paging_map_kernel failed";
	} else {
		tables = free0 - PAGETEST_PAGES - pmm_free_pages();
		why = pagetest_mapped(pa);
		struct pt_walk r;
		if (paging_unmap_kernel(PAGETEST_VA, PAGETEST_PAGES) && !why)
			why = "paging_unmap_kernel failed";
		if (!why && paging_translate(paging_kernel_space(), PAGETEST_VA, &r) != -EFAULT)
			why = "the mapping is still there after the unmap";
		if (!why && paging_unmap_kernel(PAGETEST_VA, 1) != -EINVAL)
			why = "unmapping an unmapped page was not refused";
	}
	pmm_free_contig(pa, PAGETEST_PAGES);
	if (!why && pmm_free_pages() != free0)
		why = "page-table pages were not all freed";
	if (why) {
		kprintf("pagetest: FAIL %s\n", why);
		return -EIO;
	}
	kprintf("pagetest: ok pages=%u tables=%lu free=%lu\n", PAGETEST_PAGES, tables, free0);
	return 0;
}

SHELL_COMMAND(pagetest, "pagetest", "pagetest", "self-check of kernel mappings in PML4[511] and their teardown",
	      pagetest_cmd);
