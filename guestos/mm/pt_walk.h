/* A software walk of 4-level x86-64 page tables (SDM Vol. 3A §4.5 "4-Level
 * Paging and 5-Level Paging"), pure so the host unit test links it: table
 * memory is reached through a caller-supplied physical-to-pointer function. */
#ifndef GUESTOS_PT_WALK_H
#define GUESTOS_PT_WALK_H

#include <stdbool.h>
#include <stdint.h>

/* Page-table entry bits (SDM Vol. 3A §4.5, Tables 4-15 to 4-20). */
#define PTE_PRESENT (1ULL << 0)
#define PTE_WRITE (1ULL << 1)
#define PTE_USER (1ULL << 2)
#define PTE_ACCESSED (1ULL << 5)
#define PTE_DIRTY (1ULL << 6)
#define PTE_LARGE (1ULL << 7) /* PS: 1 GiB in a PDPTE, 2 MiB in a PDE */
#define PTE_GLOBAL (1ULL << 8)
#define PTE_SHARED (1ULL << 9) /* software bit: the frame is not the address space's own */
#define PTE_NX (1ULL << 63)
#define PTE_ADDR_MASK 0x000FFFFFFFFFF000ULL

typedef void *(*pt_phys_to_ptr_fn)(uint64_t pa);

struct pt_walk_result {
	uint64_t pa;		/* physical address of the byte at va */
	uint64_t page_size;	/* 4 KiB, 2 MiB or 1 GiB */
	bool writable;		/* R/W set at every level */
	bool user;		/* U/S set at every level */
	bool executable;	/* XD clear at every level */
};

/* RETURNS: true when va is canonical (bits 63:47 all equal). */
bool pt_is_canonical(uint64_t va);

/* Index of va in the table of `level` (4 = PML4 ... 1 = page table). */
static inline unsigned
pt_index(uint64_t va, int level)
{
	return (unsigned)(va >> (12 + 9 * (level - 1))) & 511;
}

/* Translates va through the PML4 at physical pml4_pa.
 * RETURNS: 0 and *out; -EFAULT when va is not canonical or not present. */
int pt_walk(uint64_t pml4_pa, uint64_t va, pt_phys_to_ptr_fn to_ptr, struct pt_walk_result *out);

#endif
