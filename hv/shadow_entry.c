/* Guest rights to shadow rights. The shadow is what the CPU walks, so it may
 * only ever be stricter than the guest's tables (SDM Vol. 3A §4.6 "Access
 * Rights"); the hypervisor notices the first write of a clean page because
 * the shadow leaves it read-only (§4.8 "Accessed and Dirty Flags"). */
#include "hv/shadow_entry.h"
#include "kernel/errno.h"

static bool
overlaps(const struct shadow_block *b, uint64_t pa, uint64_t size)
{
	return pa < b->pa + b->size && b->pa < pa + size;
}

int
shadow_entry(const struct pt_walk *w, uint32_t access, const struct pt_mode *m, bool pge,
	     const struct shadow_block *block, uint64_t *pte, uint64_t *size)
{
	uint64_t frame = w->pa & ~(uint64_t)(PAGE_SIZE_4K - 1);
	if (overlaps(block, frame, PAGE_SIZE_4K))
		return -EPERM;
	uint64_t big = w->pa & ~(uint64_t)(PAGE_SIZE_2M - 1);
	uint64_t e = PTE_PRESENT | PTE_ACCESSED | (w->leaf & (PTE_PWT | PTE_PCD));
	*size = PAGE_SIZE_4K;
	if (w->page_size >= PAGE_SIZE_2M && !overlaps(block, big, PAGE_SIZE_2M)) {
		frame = big;
		*size = PAGE_SIZE_2M;
		e |= PTE_LARGE;
	}
	bool dirty = (w->leaf & PTE_DIRTY) || (access & PF_WRITE);
	if (w->user)
		e |= PTE_USER;
	if (w->writable && dirty) {
		e |= PTE_WRITE | PTE_DIRTY;
	} else if (!w->writable && !m->wp && (access & PF_WRITE) && !(access & PF_USER)) {
		/* CR0.WP clear lets the kernel write a read-only page; ring 3 must
		 * still not, so this shadow hides the page from ring 3 until a user
		 * access faults and refills it read-only. */
		e = (e & ~(uint64_t)PTE_USER) | PTE_WRITE | PTE_DIRTY;
	}
	if (m->nxe && !w->executable)
		e |= PTE_NX;
	if (pge && (w->leaf & PTE_GLOBAL))
		e |= PTE_GLOBAL;
	*pte = frame | e;
	return 0;
}
