/* Page-table walk: presence, reserved bits (SDM Vol. 3A §4.5.4
 * "Linear-Address Translation with 4-Level Paging"), then the access rights
 * of the whole translation (§4.6 "Access Rights") and the error code a
 * fault would push (§4.7 "Page-Fault Exceptions"). */
#include "kernel/pt_walk.h"
#include "kernel/errno.h"
#include "kernel/va.h"

/* RETURNS: the bits of entry e at `level` that must be zero. */
static uint64_t
reserved_bits(uint64_t e, int level, const struct pt_mode *m)
{
	uint64_t rsvd = PTE_ADDR_MASK & ~((1ULL << m->maxphyaddr) - 1);
	if (!m->nxe)
		rsvd |= PTE_NX;
	if (level == 4)
		rsvd |= PTE_LARGE;
	if (level == 3 && (e & PTE_LARGE))
		rsvd |= m->page1gb ? 0x3FFFE000ULL : PTE_LARGE; /* bits 29:13 */
	if (level == 2 && (e & PTE_LARGE))
		rsvd |= 0x1FE000ULL; /* bits 20:13 */
	return rsvd;
}

/* RETURNS: true when the rights gathered in w allow the access. */
static bool
rights_allow(const struct pt_walk *w, uint32_t access, const struct pt_mode *m)
{
	if ((access & PF_USER) && !w->user)
		return false;
	if ((access & PF_WRITE) && !w->writable && ((access & PF_USER) || m->wp))
		return false;
	if ((access & PF_FETCH) && !w->executable)
		return false;
	return true;
}

uint32_t
pt_walk_error(uint32_t access, const struct pt_mode *m, uint32_t why)
{
	/* I/D is reported only where NX exists (no SMEP here). */
	return why | (access & (m->nxe ? (PF_WRITE | PF_USER | PF_FETCH) : (PF_WRITE | PF_USER)));
}

static int
fault(struct pt_walk *out, uint32_t access, const struct pt_mode *m, uint32_t why)
{
	out->error = pt_walk_error(access, m, why);
	return -EFAULT;
}

int
pt_walk(uint64_t cr3, uint64_t va, uint32_t access, const struct pt_mode *m, pt_table_fn table,
	struct pt_walk *out)
{
	if (!va_is_canonical(va))
		return -EINVAL;
	uint64_t base = cr3 & PTE_ADDR_MASK;
	out->writable = out->user = out->executable = true;
	for (int level = 4;; level--) {
		uint64_t *entries = table(base);
		/* A refused table reads as an entry with reserved bits set. */
		if (!entries)
			return fault(out, access, m, PF_PRESENT | PF_RSVD);
		uint64_t *ep = &entries[pt_index(va, level)];
		uint64_t e = *ep;
		out->entry[level] = ep;
		if (!(e & PTE_PRESENT))
			return fault(out, access, m, 0);
		if (e & reserved_bits(e, level, m))
			return fault(out, access, m, PF_PRESENT | PF_RSVD);
		out->writable = out->writable && (e & PTE_WRITE);
		out->user = out->user && (e & PTE_USER);
		out->executable = out->executable && !(m->nxe && (e & PTE_NX));
		uint64_t size = 1ULL << (12 + 9 * (level - 1));
		/* PS is defined only in PDPTEs and PDEs. */
		if (level == 1 || ((level == 2 || level == 3) && (e & PTE_LARGE))) {
			out->pa = (e & PTE_ADDR_MASK & ~(size - 1)) | (va & (size - 1));
			out->page_size = size;
			out->level = level;
			out->leaf = e;
			if (!rights_allow(out, access, m))
				return fault(out, access, m, PF_PRESENT);
			return 0;
		}
		base = e & PTE_ADDR_MASK;
	}
}

void
pt_walk_mark(const struct pt_walk *w, uint32_t access)
{
	for (int level = 4; level >= w->level; level--)
		if (!(*w->entry[level] & PTE_ACCESSED))
			*w->entry[level] |= PTE_ACCESSED;
	if ((access & PF_WRITE) && !(*w->entry[w->level] & PTE_DIRTY))
		*w->entry[w->level] |= PTE_DIRTY;
}

/* A string instruction moves its elements one by one, so an access that
 * runs into a page it may not touch faults there, with the bytes before it
 * done (SDM Vol. 3A §6.15 "Exception and Interrupt Reference", Interrupt
 * 14: CR2 holds the linear address that caused the fault). */
int
pt_walk_span(uint64_t cr3, uint64_t va, uint64_t len, uint32_t access, const struct pt_mode *m, pt_table_fn table,
	     uint64_t *done, uint32_t *error)
{
	*done = 0;
	*error = 0;
	while (*done < len) {
		uint64_t at = va + *done, chunk = PAGE_SIZE_4K - (at & (PAGE_SIZE_4K - 1));
		struct pt_walk w;
		int err = pt_walk(cr3, at, access, m, table, &w);
		if (!err && !table(w.pa & ~(uint64_t)(PAGE_SIZE_4K - 1)))
			err = fault(&w, access, m, PF_PRESENT | PF_RSVD);
		if (err) {
			*error = err == -EFAULT ? w.error : 0;
			return err;
		}
		*done += chunk < len - *done ? chunk : len - *done;
	}
	return 0;
}
