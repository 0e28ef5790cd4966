/* Page-table walk: the access rights of a translation combine those of every
 * level (SDM Vol. 3A §4.6 "Access Rights"). */
#include "guestos/mm/pt_walk.h"
#include "kernel/errno.h"

bool
pt_is_canonical(uint64_t va)
{
	uint64_t top = va >> 47;
	return top == 0 || top == 0x1FFFF;
}

int
pt_walk(uint64_t pml4_pa, uint64_t va, pt_phys_to_ptr_fn to_ptr, struct pt_walk_result *out)
{
	if (!pt_is_canonical(va))
		return -EFAULT;
	uint64_t table = pml4_pa & PTE_ADDR_MASK;
	bool writable = true, user = true, executable = true;
	for (int level = 4;; level--) {
		const uint64_t *entries = to_ptr(table);
		uint64_t e = entries[pt_index(va, level)];
		if (!(e & PTE_PRESENT))
			return -EFAULT;
		writable = writable && (e & PTE_WRITE);
		user = user && (e & PTE_USER);
		executable = executable && !(e & PTE_NX);
		uint64_t size = 1ULL << (12 + 9 * (level - 1));
		/* PS is defined only in PDPTEs and PDEs. */
		if (level == 1 || ((level == 2 || level == 3) && (e & PTE_LARGE))) {
			out->pa = (e & PTE_ADDR_MASK & ~(size - 1)) | (va & (size - 1));
			out->page_size = size;
			out->writable = writable;
			out->user = user;
			out->executable = executable;
			return 0;
		}
		table = e & PTE_ADDR_MASK;
	}
}
