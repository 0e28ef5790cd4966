/* The physical page allocator's bookkeeping, kept free of hardware access so
 * the host unit tests (tests/unit/test_pmm.c) link it as is. Page numbers are
 * physical addresses divided by 4096. Two bitmaps: `usable` says the page is
 * RAM the allocator manages, `free` says it is not handed out; a free of a page
 * that is not usable or already free is refused, so double frees are caught. */
#ifndef GUESTOS_PMM_BITMAP_H
#define GUESTOS_PMM_BITMAP_H

#include <stdint.h>

struct pmm_bitmap {
	uint64_t *free_bits;
	uint64_t *usable_bits;
	uint64_t npages;	/* pages covered, from page 0 */
	uint64_t free_pages;
	uint64_t usable_pages;
	uint64_t hint;		/* where the next single-page search starts */
};

/* RETURNS: the number of uint64_t words a bitmap of npages needs. */
#define PMM_BITMAP_WORDS(npages) (((npages) + 63) / 64)

/* Starts with every page unusable; both arrays hold PMM_BITMAP_WORDS(npages) words. */
void pmm_bitmap_init(struct pmm_bitmap *b, uint64_t *free_bits, uint64_t *usable_bits, uint64_t npages);

/* Makes [first, first+count) usable and free; the part beyond npages is ignored. */
void pmm_bitmap_add(struct pmm_bitmap *b, uint64_t first, uint64_t count);

/* Takes [first, first+count) out of the allocator for good (kernel image,
 * boot modules); works whether the pages were added or not. */
void pmm_bitmap_reserve(struct pmm_bitmap *b, uint64_t first, uint64_t count);

/* Allocates `count` contiguous pages whose first page number is a multiple of
 * `align` (1: any). RETURNS: 0 and *first, -EINVAL for count or align 0,
 * -ENOMEM when no such run is free. */
int pmm_bitmap_alloc(struct pmm_bitmap *b, uint64_t count, uint64_t align, uint64_t *first);

/* Frees [first, first+count). RETURNS: 0, or -EINVAL (nothing freed) when a
 * page is out of range, not usable, or already free. */
int pmm_bitmap_free(struct pmm_bitmap *b, uint64_t first, uint64_t count);

/* RETURNS: how many usable pages of [first, first+count) are allocated. */
uint64_t pmm_bitmap_count_allocated(const struct pmm_bitmap *b, uint64_t first, uint64_t count);

#endif
