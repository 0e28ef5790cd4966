/* Shadow page tables in two flavours (SDM Vol. 3A §4.10 "Caching Translation
 * Information" is the contract both keep: the shadow holds only translations
 * the guest's tables allow, filled one page on each miss).
 * - vtlb: one shadow, a virtual TLB: dropped on every CR3 load (global pages
 *   kept) and per page on INVLPG. Simple; every context switch refills.
 * - shadow (the default): a cache of shadows keyed by guest CR3, kept across
 *   context switches, in the manner of KVM's shadow MMU. Each guest table a
 *   shadow entry was derived from is write-protected in every shadow
 *   (hv/shadow_wp.c), so the guest cannot edit its tables unseen. Policy on a
 *   guest write to a protected table (unprotect and zap): drop, in every
 *   cached space, what the table translates (the shadow entry above the
 *   range it covers; everything when it is used at several places) and let
 *   the write through, the frame mapped writable and unprotected. The next
 *   walk through the frame protects it again and drops that writable
 *   mapping. No instruction is emulated; the cost is refills after each
 *   edit of the OS's tables, which it makes rarely next to its switches.
 * Guest tables are only read, except the accessed and dirty bits a CPU would
 * set. Shadow tables come from a pool in the hypervisor's heap; intermediate
 * shadow entries grant all rights and the leaf carries the guest's combined
 * ones (hv/shadow_entry.c). */
#include "hv/shadow_pt.h"
#include "hv/mem.h"
#include "hv/shadow_entry.h"
#include "hv/shadow_pool.h"
#include "hv/shadow_wp.h"
#include "kernel/va.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include <stddef.h>

#define CACHE_SPACES 8
#define TABLE_FLAGS (PTE_PRESENT | PTE_WRITE | PTE_USER | PTE_ACCESSED)
#define PAGE_OFFSET_4K ((uint64_t)PAGE_SIZE_4K - 1)

/* One cached shadow: the guest's PML4 address and the shadow root for it. */
struct space {
	uint64_t key;
	uint64_t *root;
	uint64_t last_used;
	bool filled;	/* some entry filled since the root was last emptied */
};

static uint32_t mem_mode;	/* HV_MEM_* */
static uint64_t guest_cr3;
static struct space spaces[CACHE_SPACES];
static unsigned nspaces;	/* 1 under vtlb */
static struct space *cur;
static uint64_t clock;
static bool stale;		/* a shadow was derived from a table the guest may write unseen */
static unsigned globals;	/* global leaves filled since the last full flush */
static struct hv_mem_stats counters;
static struct pt_mode cpu_paging;	/* what the CPU supports; WP and NXE come with each fault */

bool
shadow_pt_active(void)
{
	return mem_mode == HV_MEM_SHADOW || mem_mode == HV_MEM_VTLB;
}

/* Every cached shadow down to its root: nothing is derived from any guest
 * table any more. Every pool page goes back at once and only the roots in
 * use are cleared: no walk of the shadows (this runs on every zap). */
static void
flush_all(void)
{
	if (!shadow_pt_active())
		return;
	for (unsigned i = 0; i < nspaces; i++) {
		if (!spaces[i].filled)
			continue;
		for (unsigned j = 0; j < 512; j++)
			spaces[i].root[j] = 0;
		spaces[i].filled = false;
	}
	shadow_pool_reset();
	globals = 0;
	shadow_wp_unmap_all();
	stale = false;
}

void
shadow_pt_init(uint32_t m, uint64_t cr3)
{
	mem_mode = m;
	guest_cr3 = cr3;
	globals = 0;
	stale = false;
	clock = 0;
	counters = (struct hv_mem_stats){ .mode = m };
	nspaces = 0;
	/* CPUID.80000001H:EDX.Page1GB[bit 26]; CPUID.80000008H:EAX[7:0] MAXPHYADDR. */
	uint32_t a, b, c, d;
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	cpu_paging.page1gb = d & (1u << 26);
	cpuid(0x80000008, 0, &a, &b, &c, &d);
	cpu_paging.maxphyaddr = a & 0xFF;
	if (!shadow_pt_active())
		return;
	nspaces = m == HV_MEM_VTLB ? 1 : CACHE_SPACES;
	for (unsigned i = 0; i < nspaces; i++)
		spaces[i] = (struct space){ .key = ~0ULL, .root = mem_alloc_page() };
	cur = &spaces[0];
	cur->key = cr3 & PTE_ADDR_MASK;
	shadow_wp_reset();
	shadow_pool_init();
	counters.pool_size = SHADOW_POOL_PAGES;
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
	return shadow_pt_active() ? mem_pa(cur->root) : guest_cr3;
}

/* The cached shadow for the tables at key, else the least recently used one emptied. */
static struct space *
space_for(uint64_t key)
{
	struct space *victim = &spaces[0];
	for (unsigned i = 0; i < nspaces; i++) {
		if (spaces[i].key == key) {
			counters.cache_hits++;
			return &spaces[i];
		}
		if (spaces[i].last_used < victim->last_used)
			victim = &spaces[i];
	}
	counters.flushes++;
	shadow_pool_flush(victim->root, 4, false);
	victim->key = key;
	return victim;
}

int
shadow_pt_cr3_load(uint64_t cr3, bool pge, uint64_t *cpu_cr3)
{
	if (shadow_pt_active() && mem_in_block(cr3 & PTE_ADDR_MASK)) {
		counters.refused++;
		return -EPERM;
	}
	guest_cr3 = cr3;
	if (mem_mode == HV_MEM_VTLB) {
		counters.flushes++;
		if (pge && globals)
			shadow_pool_flush(cur->root, 4, true);
		else
			flush_all();
	} else if (mem_mode == HV_MEM_SHADOW) {
		/* A CR3 load flushes the TLB: what may be stale goes now. */
		if (stale)
			flush_all();
		cur->last_used = ++clock;
		cur = space_for(cr3 & PTE_ADDR_MASK);
		cur->last_used = ++clock;
	}
	*cpu_cr3 = shadow_pt_cpu_cr3();
	return 0;
}

void
shadow_pt_invlpg(uint64_t va)
{
	counters.invlpgs++;
	if (!shadow_pt_active() || !va_is_canonical(va))
		return;
	uint64_t *t = cur->root;
	for (int level = 4; level > 1; level--) {
		uint64_t *e = &t[pt_index(va, level)];
		if (!(*e & PTE_PRESENT))
			return;
		if (*e & PTE_LARGE) {
			*e = 0;
			return;
		}
		t = shadow_pool_table(*e);
	}
	t[pt_index(va, 1)] = 0;
}

/* Installs leaf pte of `size` for va. RETURNS: 0; -EEXIST when exactly this
 * leaf was there already; -ENOMEM when the pool ran dry. */
static int
fill(uint64_t va, uint64_t pte, uint64_t size)
{
	int leaf_level = size == PAGE_SIZE_2M ? 2 : 1;
	cur->filled = true;
	uint64_t *t = cur->root;
	for (int level = 4; level > leaf_level; level--) {
		uint64_t *e = &t[pt_index(va, level)];
		if (*e & PTE_LARGE)
			*e = 0;
		if (!(*e & PTE_PRESENT)) {
			uint64_t *n = shadow_pool_get();
			if (!n)
				return -ENOMEM;
			*e = mem_pa(n) | TABLE_FLAGS;
		}
		t = shadow_pool_table(*e);
	}
	uint64_t *e = &t[pt_index(va, leaf_level)];
	if (*e == pte)
		return -EEXIST;
	/* A 2 MiB leaf replaces the 4 KiB shadows below it. */
	if (leaf_level == 2 && (*e & PTE_PRESENT) && !(*e & PTE_LARGE))
		shadow_pool_put(shadow_pool_table(*e));
	*e = pte;
	if (pte & PTE_GLOBAL)
		globals++;
	return 0;
}

/* Drops, in the shadow at root, what translates the addresses a guest table
 * of `level` at base translates: the shadow entry one level up (with what
 * hangs below it). */
static void
drop_range(uint64_t *root, uint64_t base, int level)
{
	uint64_t *t = root;
	for (int l = 4; l > level + 1; l--) {
		uint64_t e = t[pt_index(base, l)];
		if (!(e & PTE_PRESENT) || (e & PTE_LARGE))
			return;
		t = shadow_pool_table(e);
	}
	uint64_t *e = &t[pt_index(base, level + 1)];
	if ((*e & PTE_PRESENT) && !(*e & PTE_LARGE) && level + 1 > 1) {
		shadow_pool_flush(shadow_pool_table(*e), level, false);
		shadow_pool_put(shadow_pool_table(*e));
	}
	*e = 0;
}

/* Drops every shadow entry derived from the guest table f describes. */
static void
drop_derived(uint64_t pa, const struct shadow_wp_use *f)
{
	if (f->many) {
		flush_all();
		return;
	}
	for (unsigned i = 0; i < nspaces; i++) {
		if (f->level == 4 && spaces[i].key == pa)
			shadow_pool_flush(spaces[i].root, 4, false);
		else if (f->level < 4)
			drop_range(spaces[i].root, f->base, f->level);
	}
}

/* Write-protects the guest tables walk w of va went through before a
 * shadow is derived from them. A table never seen may be mapped writable
 * anywhere: every shadow goes first. A table the guest wrote and a shadow
 * still maps writable stays unprotected until the next full flush (which a
 * CR3 load makes while a shadow is stale): protecting it now would drop
 * that mapping and the guest, whose write made it, could loop on it. */
static void
protect_walk(const struct pt_walk *w, uint64_t va)
{
	for (int level = 4; level >= w->level; level--) {
		uint64_t table = (uint64_t)(uintptr_t)w->entry[level] & ~PAGE_OFFSET_4K;
		uint64_t base = va & ~((1ULL << (12 + 9 * level)) - 1);
		enum shadow_wp_state s = shadow_wp_state(table);
		if (s == SHADOW_WP_WRITABLE)
			continue;
		if (s == SHADOW_WP_UNKNOWN)
			flush_all();
		if (shadow_wp_protect(table, base, level)) {
			flush_all();
			shadow_wp_reset();
			shadow_wp_protect(table, base, level);
		}
	}
}

/* RETURNS: true when every table walk w went through is protected. */
static bool
walk_protected(const struct pt_walk *w)
{
	for (int level = 4; level >= w->level; level--)
		if (shadow_wp_state((uint64_t)(uintptr_t)w->entry[level] & ~PAGE_OFFSET_4K) != SHADOW_WP_PROTECTED)
			return false;
	return true;
}

/* The cache's part of a fill: 4 KiB pages where protected tables may lie,
 * and never a writable mapping of a protected table, except for the write
 * that faulted, which unprotects it and drops what was derived from it. */
static void
guard_tables(const struct pt_walk *w, uint32_t access, uint64_t *pte, uint64_t *size)
{
	uint64_t frame = w->pa & ~PAGE_OFFSET_4K;
	if (*size == PAGE_SIZE_2M && shadow_wp_in_2m(*pte & PTE_ADDR_MASK)) {
		*pte = frame | (*pte & ~(PTE_ADDR_MASK | PTE_LARGE));
		*size = PAGE_SIZE_4K;
	}
	if (*size != PAGE_SIZE_4K || !(*pte & PTE_WRITE))
		return;
	struct shadow_wp_use use;
	if (!(access & PF_WRITE)) {
		if (shadow_wp_state(frame) == SHADOW_WP_PROTECTED)
			*pte &= ~(uint64_t)(PTE_WRITE | PTE_DIRTY);
		else
			shadow_wp_mapped(frame);
		return;
	}
	if (shadow_wp_release(frame, &use)) {
		counters.zaps++;
		drop_derived(frame, &use);
	}
	shadow_wp_mapped(frame);
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
	if (mem_mode == HV_MEM_SHADOW) {
		protect_walk(&w, va);
		guard_tables(&w, access, &pte, &size);
		/* Derived from a table the guest may write unseen: a TLB entry
		 * that the next CR3 load flushes. */
		stale = stale || !walk_protected(&w);
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
	counters.pool_free = shadow_pt_active() ? shadow_pool_free() : 0;
}

uint32_t
shadow_pt_refused(uint32_t access, bool nxe)
{
	struct pt_mode m = cpu_paging;
	m.nxe = nxe;
	counters.refused++;
	return pt_walk_error(access, &m, PF_PRESENT | PF_RSVD);
}

const struct hv_mem_stats *
shadow_pt_stats(void)
{
	counters.pool_free = shadow_pt_active() ? shadow_pool_free() : 0;
	return &counters;
}
