/* The one software walk of 4-level x86-64 page tables (SDM Vol. 3A §4.5
 * "4-Level Paging and 5-Level Paging"), used by the OS (its own lookups), by
 * the hypervisor (hypercall buffers, shadow paging) and by host tests. Pure:
 * table memory is reached through a caller-supplied accessor that may refuse
 * a frame, so the hypervisor can keep its own block out of every walk. */
#ifndef KERNEL_PT_WALK_H
#define KERNEL_PT_WALK_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/pt.h"

/* The paging controls a translation depends on. */
struct pt_mode {
	bool wp;		/* CR0.WP: supervisor writes obey R/W */
	bool nxe;		/* EFER.NXE: XD is a permission, not a reserved bit */
	bool page1gb;		/* CPUID.80000001H:EDX.Page1GB[bit 26]: PS allowed in a PDPTE */
	unsigned maxphyaddr;	/* CPUID.80000008H:EAX[7:0]: bits 51:M of an entry are reserved */
};

/* RETURNS: a pointer to the 4 KiB table at physical pa, or NULL to refuse it. */
typedef uint64_t *(*pt_table_fn)(uint64_t pa);

struct pt_walk {
	uint64_t pa;		/* physical address of the byte at va */
	uint64_t page_size;	/* 4 KiB, 2 MiB or 1 GiB */
	int level;		/* of the leaf: 1, 2 (2 MiB) or 3 (1 GiB) */
	uint64_t *entry[5];	/* entry[l]: the entry used at level l, for levels 4..level */
	uint64_t leaf;		/* the leaf entry as read */
	bool writable;		/* R/W set at every level */
	bool user;		/* U/S set at every level */
	bool executable;	/* XD clear at every level (always, without EFER.NXE) */
	uint32_t error;		/* the #PF error code when the walk faults */
};

/* Index of va in the table of `level` (4 = PML4 ... 1 = page table). */
static inline unsigned
pt_index(uint64_t va, int level)
{
	return (unsigned)(va >> (12 + 9 * (level - 1))) & 511;
}

/* Translates va through the tables at cr3 for an access of kind `access`
 * (PF_WRITE, PF_USER, PF_FETCH or'ed; 0 is a supervisor read) as the CPU
 * would, rights combined over every level (SDM Vol. 3A §4.6 "Access Rights").
 * Sets no accessed or dirty bit (pt_walk_mark does).
 * RETURNS: 0 and *out; -EFAULT with out->error the #PF error code when the
 * access faults (not present, reserved bit, a table the accessor refused,
 * rights); -EINVAL when va is not canonical (#GP, not #PF). */
int pt_walk(uint64_t cr3, uint64_t va, uint32_t access, const struct pt_mode *m, pt_table_fn table,
	    struct pt_walk *out);

/* RETURNS: the #PF error code for an access of kind `access` faulting for
 * reason `why` (0 not present, PF_PRESENT, PF_PRESENT | PF_RSVD). */
uint32_t pt_walk_error(uint32_t access, const struct pt_mode *m, uint32_t why);

/* How far an access of len bytes from va gets, page by page as the CPU
 * moves string elements. The frame of each page is offered to table() too:
 * one it refuses faults P|RSVD, as a refused table does.
 * RETURNS: 0 with *done = len; or pt_walk's -EFAULT (*error the error code)
 * or -EINVAL (not canonical: #GP) for the byte at va + *done, the first that
 * cannot be accessed. Sets no accessed or dirty bit. */
int pt_walk_span(uint64_t cr3, uint64_t va, uint64_t len, uint32_t access, const struct pt_mode *m, pt_table_fn table,
		 uint64_t *done, uint32_t *error);

/* Sets the accessed bit in every entry of a successful walk and the dirty
 * bit in its leaf for a write, as the CPU does (SDM Vol. 3A §4.8 "Accessed
 * and Dirty Flags"). */
void pt_walk_mark(const struct pt_walk *w, uint32_t access);

#endif
