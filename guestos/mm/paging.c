/* Kernel and user page tables (SDM Vol. 3A §4.5 "4-Level Paging and 5-Level
 * Paging"). Physical memory is identity mapped, so a table's physical address
 * is also its pointer. */
#include "guestos/mm/paging.h"
#include "guestos/cpu/irq.h"
#include "guestos/mm/pmm.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define ENTRIES 512
#define IDENTITY_GIB 4
#define PML4_IDENTITY 0
#define PML4_HIGH 511
#define KERNEL_TABLE_FLAGS (PTE_PRESENT | PTE_WRITE)
#define USER_TABLE_FLAGS (PTE_PRESENT | PTE_WRITE | PTE_USER)

static uint64_t kernel_pml4;

static uint64_t *
table_ptr(uint64_t pa)
{
	return (uint64_t *)(uintptr_t)(pa & PTE_ADDR_MASK);
}

/* Physical memory is identity mapped: every table is reachable. */
static uint64_t *
phys_to_ptr(uint64_t pa)
{
	return (uint64_t *)(uintptr_t)pa;
}

/* RETURNS: the physical address of a zeroed page, or 0. */
static uint64_t
table_alloc(void)
{
	uint64_t pa = pmm_alloc_page();
	if (pa)
		memset(table_ptr(pa), 0, PAGE_SIZE);
	return pa;
}

static bool
table_is_empty(const uint64_t *t)
{
	for (int i = 0; i < ENTRIES; i++)
		if (t[i])
			return false;
	return true;
}

/* RETURNS: the level-1 entry for va, creating missing tables with
 * table_flags; NULL when out of memory (tables made so far stay, empty). */
static uint64_t *
pte_get(uint64_t pml4, uint64_t va, uint64_t table_flags, bool create)
{
	uint64_t *t = table_ptr(pml4);
	for (int level = 4; level > 1; level--) {
		uint64_t *e = &t[pt_index(va, level)];
		if (!(*e & PTE_PRESENT)) {
			if (!create)
				return NULL;
			uint64_t pa = table_alloc();
			if (!pa)
				return NULL;
			*e = pa | table_flags;
		}
		ASSERT(!(*e & PTE_LARGE));
		t = table_ptr(*e);
	}
	return &t[pt_index(va, 1)];
}

/* Frees the page table and page directory above va when they are empty
 * (missing levels are fine); the PDPT stays: PML4[511]'s is shared, a user
 * one goes with its space. */
static void
prune_tables(uint64_t pml4, uint64_t va)
{
	uint64_t pml4e = table_ptr(pml4)[pt_index(va, 4)];
	if (!(pml4e & PTE_PRESENT))
		return;
	uint64_t *pdpte = &table_ptr(pml4e)[pt_index(va, 3)];
	if (!(*pdpte & PTE_PRESENT))
		return;
	uint64_t *pd = table_ptr(*pdpte);
	uint64_t *pde = &pd[pt_index(va, 2)];
	if ((*pde & PTE_PRESENT) && !table_is_empty(table_ptr(*pde)))
		return;
	if (*pde & PTE_PRESENT) {
		pmm_free_page(*pde & PTE_ADDR_MASK);
		*pde = 0;
	}
	if (!table_is_empty(pd))
		return;
	pmm_free_page(*pdpte & PTE_ADDR_MASK);
	*pdpte = 0;
}

static int
unmap_kernel_locked(uint64_t va, uint64_t pages)
{
	int err = 0;
	for (uint64_t i = 0; i < pages; i++, va += PAGE_SIZE) {
		uint64_t *pte = pte_get(kernel_pml4, va, 0, false);
		if (!pte || !(*pte & PTE_PRESENT)) {
			err = -EINVAL;
			continue;
		}
		*pte = 0;
		invlpg(va);
		prune_tables(kernel_pml4, va);
	}
	return err;
}

static bool
is_kernel_high_range(uint64_t va, uint64_t pages)
{
	return va >= KERNEL_HIGH_BASE && va % PAGE_SIZE == 0 && pages <= (0 - va) / PAGE_SIZE;
}

int
paging_map_kernel(uint64_t va, uint64_t pa, uint64_t pages, uint64_t flags)
{
	if (!is_kernel_high_range(va, pages) || pa % PAGE_SIZE || (flags & ~(PTE_WRITE | PTE_NX | PTE_GLOBAL)))
		return -EINVAL;
	uint64_t irq = irq_save();
	for (uint64_t i = 0; i < pages; i++) {
		uint64_t *pte = pte_get(kernel_pml4, va + i * PAGE_SIZE, KERNEL_TABLE_FLAGS, true);
		int err = !pte ? -ENOMEM : (*pte & PTE_PRESENT) ? -EINVAL : 0;
		if (err) {
			unmap_kernel_locked(va, i);
			/* Tables made before the allocation failed are empty. */
			prune_tables(kernel_pml4, va + i * PAGE_SIZE);
			irq_restore(irq);
			return err;
		}
		*pte = (pa + i * PAGE_SIZE) | PTE_PRESENT | flags;
	}
	irq_restore(irq);
	return 0;
}

int
paging_unmap_kernel(uint64_t va, uint64_t pages)
{
	if (!is_kernel_high_range(va, pages))
		return -EINVAL;
	uint64_t irq = irq_save();
	int err = unmap_kernel_locked(va, pages);
	irq_restore(irq);
	return err;
}

uint64_t
paging_kernel_space(void)
{
	return kernel_pml4;
}

uint64_t
paging_create_space(void)
{
	uint64_t pml4 = table_alloc();
	if (!pml4)
		return 0;
	uint64_t *t = table_ptr(pml4);
	t[PML4_IDENTITY] = table_ptr(kernel_pml4)[PML4_IDENTITY];
	t[PML4_HIGH] = table_ptr(kernel_pml4)[PML4_HIGH];
	return pml4;
}

int
paging_map_user(uint64_t space, uint64_t va, uint64_t pa, uint64_t flags)
{
	if (va < USER_BASE || va >= USER_END || va % PAGE_SIZE || pa % PAGE_SIZE ||
	    (flags & ~(PTE_WRITE | PTE_NX | PTE_SHARED)))
		return -EINVAL;
	uint64_t *pte = pte_get(space, va, USER_TABLE_FLAGS, true);
	if (!pte) {
		prune_tables(space, va);
		return -ENOMEM;
	}
	if (*pte & PTE_PRESENT)
		return -EINVAL;
	*pte = pa | PTE_PRESENT | PTE_USER | flags;
	return 0;
}

/* Frees a user table of `level` and all below it; leaves are freed unless shared. */
static void
free_user_table(uint64_t table, int level)
{
	uint64_t *t = table_ptr(table);
	for (int i = 0; i < ENTRIES; i++) {
		if (!(t[i] & PTE_PRESENT))
			continue;
		if (level > 1)
			free_user_table(t[i], level - 1);
		else if (!(t[i] & PTE_SHARED))
			pmm_free_page(t[i] & PTE_ADDR_MASK);
	}
	pmm_free_page(table & PTE_ADDR_MASK);
}

void
paging_destroy_space(uint64_t space)
{
	ASSERT(space != kernel_pml4 && (read_cr3() & PTE_ADDR_MASK) != space);
	uint64_t *t = table_ptr(space);
	for (unsigned i = pt_index(USER_BASE, 4); i <= pt_index(USER_END - 1, 4); i++)
		if (t[i] & PTE_PRESENT)
			free_user_table(t[i], 3);
	pmm_free_page(space);
}

int
paging_translate(uint64_t space, uint64_t va, struct pt_walk *out)
{
	/* The mode the OS runs in (paging_init): NX on; a supervisor read checks
	 * only presence and reserved bits, so WP and the physical width do not matter. */
	static const struct pt_mode mode = { .wp = true, .nxe = true, .page1gb = true, .maxphyaddr = 52 };
	return pt_walk(space, va, 0, &mode, phys_to_ptr, out);
}

/* The identity map: 2 MiB pages, except the first 2 MiB in 4 KiB pages with
 * page 0 left out. RETURNS: the PDPT for PML4[0]. */
static uint64_t
build_identity_map(void)
{
	uint64_t pdpt = table_alloc();
	ASSERT(pdpt);
	for (uint64_t g = 0; g < IDENTITY_GIB; g++) {
		uint64_t pd = table_alloc();
		ASSERT(pd);
		for (uint64_t i = 0; i < ENTRIES; i++)
			table_ptr(pd)[i] = ((g << 30) + i * PAGE_SIZE_2M) | PTE_PRESENT | PTE_WRITE | PTE_LARGE;
		table_ptr(pdpt)[g] = pd | KERNEL_TABLE_FLAGS;
	}
	uint64_t pt = table_alloc();
	ASSERT(pt);
	for (uint64_t i = 1; i < ENTRIES; i++)
		table_ptr(pt)[i] = (i * PAGE_SIZE) | PTE_PRESENT | PTE_WRITE;
	table_ptr(table_ptr(pdpt)[0])[0] = pt | KERNEL_TABLE_FLAGS;
	return pdpt;
}

void
paging_init(void)
{
	kernel_pml4 = table_alloc();
	uint64_t high_pdpt = table_alloc();
	ASSERT(kernel_pml4 && high_pdpt);
	table_ptr(kernel_pml4)[PML4_IDENTITY] = build_identity_map() | KERNEL_TABLE_FLAGS;
	table_ptr(kernel_pml4)[PML4_HIGH] = high_pdpt | KERNEL_TABLE_FLAGS;
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	write_cr3(kernel_pml4);
	kprintf("[paging] kernel page tables at 0x%lx\n", kernel_pml4);
}
