/* A virtual TLB (SDM Vol. 3A §4.10 "Caching Translation Information" is the
 * contract it keeps): the shadow holds only translations the guest's tables
 * allow, filled one page on each miss, dropped when the guest flushes (MOV to
 * CR3 keeps global pages, INVLPG drops one page). Guest tables are only read,
 * except the accessed and dirty bits a CPU would set. Shadow tables come from
 * a pool in the hypervisor's heap; intermediate shadow entries grant all
 * rights and the leaf carries the guest's combined ones (hv/shadow_entry.c). */
#include "hv/shadow_pt.h"
#include "hv/mem.h"
#include "hv/shadow_entry.h"
#include "kernel/va.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include <stddef.h>

#define POOL_PAGES 128
#define TABLE_FLAGS (PTE_PRESENT | PTE_WRITE | PTE_USER | PTE_ACCESSED)

static uint32_t mem_mode;	/* HV_MEM_* */
static uint64_t guest_cr3;
static uint64_t *root;
static uint64_t *pool[POOL_PAGES];
static unsigned pool_free;
static unsigned globals;	/* global leaves filled since the last full flush */
static struct hv_mem_stats counters;
static struct pt_mode cpu_paging;	/* what the CPU supports; WP and NXE come with each fault */

static uint64_t *
pool_get(void)
{
	if (!pool_free)
		return NULL;
	uint64_t *t = pool[--pool_free];
	for (unsigned i = 0; i < 512; i++)
		t[i] = 0;
	return t;
}

static void
pool_put(uint64_t *t)
{
	pool[pool_free++] = t;
}

static uint64_t *
table_of(uint64_t e)
{
	return mem_va(e & PTE_ADDR_MASK);
}

/* Drops the leaves of a shadow table at `level`, global ones kept when asked;
 * tables left empty go back to the pool. RETURNS: true when t is now empty. */
static bool
flush_table(uint64_t *t, int level, bool keep_global)
{
	bool empty = true;
	for (unsigned i = 0; i < 512; i++) {
		uint64_t e = t[i];
		if (!(e & PTE_PRESENT))
			continue;
		bool leaf = level == 1 || (e & PTE_LARGE);
		if (leaf ? !(keep_global && (e & PTE_GLOBAL)) : flush_table(table_of(e), level - 1, keep_global)) {
			if (!leaf)
				pool_put(table_of(e));
			t[i] = 0;
		} else {
			empty = false;
		}
	}
	return empty;
}

/* Everything but the root back to the pool. */
static void
flush_all(void)
{
	if (mem_mode != HV_MEM_SHADOW)
		return;
	flush_table(root, 4, false);
	globals = 0;
}

void
shadow_pt_init(uint32_t m, uint64_t cr3)
{
	mem_mode = m;
	guest_cr3 = cr3;
	globals = 0;
	counters = (struct hv_mem_stats){ .mode = m };
	pool_free = 0;
	if (m != HV_MEM_SHADOW)
		return;
	/* CPUID.80000001H:EDX.Page1GB[bit 26]; CPUID.80000008H:EAX[7:0] MAXPHYADDR. */
	uint32_t a, b, c, d;
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	cpu_paging.page1gb = d & (1u << 26);
	cpuid(0x80000008, 0, &a, &b, &c, &d);
	cpu_paging.maxphyaddr = a & 0xFF;
	root = mem_alloc_page();
	for (unsigned i = 0; i < POOL_PAGES; i++)
		pool_put(mem_alloc_page());
	counters.pool_size = POOL_PAGES;
}

uint32_t
shadow_pt_mode(void)
{
	return mem_mode;
}

uint64_t
shadow_pt_guest_cr3(void)
{
	return guest_cr3;
}

uint64_t
shadow_pt_cpu_cr3(void)
{
	return mem_mode == HV_MEM_SHADOW ? mem_pa(root) : guest_cr3;
}

int
shadow_pt_cr3_load(uint64_t cr3, bool pge, uint64_t *cpu_cr3)
{
	if (mem_mode == HV_MEM_SHADOW && mem_in_block(cr3 & PTE_ADDR_MASK)) {
		counters.refused++;
		return -EPERM;
	}
	guest_cr3 = cr3;
	if (mem_mode == HV_MEM_SHADOW) {
		counters.flushes++;
		if (pge && globals)
			flush_table(root, 4, true);
		else
			flush_all();
	}
	*cpu_cr3 = shadow_pt_cpu_cr3();
	return 0;
}

void
shadow_pt_invlpg(uint64_t va)
{
	counters.invlpgs++;
	if (mem_mode != HV_MEM_SHADOW || !va_is_canonical(va))
		return;
	uint64_t *t = root;
	for (int level = 4; level > 1; level--) {
		uint64_t *e = &t[pt_index(va, level)];
		if (!(*e & PTE_PRESENT))
			return;
		if (*e & PTE_LARGE) {
			*e = 0;
			return;
		}
		t = table_of(*e);
	}
	t[pt_index(va, 1)] = 0;
}

/* Installs leaf pte of `size` for va. RETURNS: 0; -EEXIST when exactly this
 * leaf was there already; -ENOMEM when the pool ran dry. */
static int
fill(uint64_t va, uint64_t pte, uint64_t size)
{
	int leaf_level = size == PAGE_SIZE_2M ? 2 : 1;
	uint64_t *t = root;
	for (int level = 4; level > leaf_level; level--) {
		uint64_t *e = &t[pt_index(va, level)];
		if (*e & PTE_LARGE)
			*e = 0;
		if (!(*e & PTE_PRESENT)) {
			uint64_t *n = pool_get();
			if (!n)
				return -ENOMEM;
			*e = mem_pa(n) | TABLE_FLAGS;
		}
		t = table_of(*e);
	}
	uint64_t *e = &t[pt_index(va, leaf_level)];
	if (*e == pte)
		return -EEXIST;
	/* A 2 MiB leaf replaces the 4 KiB shadows below it. */
	if (leaf_level == 2 && (*e & PTE_PRESENT) && !(*e & PTE_LARGE))
		pool_put(table_of(*e));
	*e = pte;
	if (pte & PTE_GLOBAL)
		globals++;
	return 0;
}

int
shadow_pt_fault(uint64_t va, uint32_t error, bool wp, bool nxe, bool pge, uint32_t *inject)
{
	struct pt_mode mode_now = cpu_paging;
	const struct pt_mode *m = &mode_now;
	mode_now.wp = wp;
	mode_now.nxe = nxe;
	uint32_t access = error & (PF_WRITE | PF_USER | PF_FETCH);
	struct pt_walk w;
	int err = pt_walk(guest_cr3, va, access, m, mem_guest_table, &w);
	if (err) {
		counters.guest_faults++;
		*inject = err == -EFAULT ? w.error : error;
		return -EFAULT;
	}
	struct shadow_block block;
	mem_block(&block.pa, &block.size);
	uint64_t pte, size;
	if (shadow_entry(&w, access, m, pge, &block, &pte, &size)) {
		counters.refused++;
		*inject = pt_walk_error(access, m, PF_PRESENT | PF_RSVD);
		return -EFAULT;
	}
	pt_walk_mark(&w, access);
	err = fill(va, pte, size);
	if (err == -ENOMEM) {
		flush_all();
		err = fill(va, pte, size);
	}
	/* The CPU faulted on what the guest allows: a rule this walk does not
	 * model (CR4.SMEP, protection keys). The guest gets the CPU's verdict. */
	if (err) {
		counters.guest_faults++;
		*inject = error;
		return -EFAULT;
	}
	counters.fills++;
	return 0;
}

void
shadow_pt_release(void)
{
	flush_all();
	counters.pool_free = pool_free;
}

const struct hv_mem_stats *
shadow_pt_stats(void)
{
	counters.pool_free = pool_free;
	return &counters;
}
