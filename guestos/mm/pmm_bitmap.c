/* Bitmap bookkeeping of the physical page allocator (see pmm_bitmap.h).
 * A linear scan is enough for a machine of 128 MiB (32768 pages). */
#include "guestos/mm/pmm_bitmap.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include <stdbool.h>

static bool
bit_is_set(const uint64_t *bits, uint64_t i)
{
	return (bits[i / 64] >> (i % 64)) & 1;
}

static void
bit_set(uint64_t *bits, uint64_t i, bool v)
{
	if (v)
		bits[i / 64] |= 1ULL << (i % 64);
	else
		bits[i / 64] &= ~(1ULL << (i % 64));
}

void
pmm_bitmap_init(struct pmm_bitmap *b, uint64_t *free_bits, uint64_t *usable_bits, uint64_t npages)
{
	b->free_bits = free_bits;
	b->usable_bits = usable_bits;
	b->npages = npages;
	b->free_pages = 0;
	b->usable_pages = 0;
	b->hint = 0;
	memset(free_bits, 0, PMM_BITMAP_WORDS(npages) * sizeof(*free_bits));
	memset(usable_bits, 0, PMM_BITMAP_WORDS(npages) * sizeof(*usable_bits));
}

void
pmm_bitmap_add(struct pmm_bitmap *b, uint64_t first, uint64_t count)
{
	for (uint64_t p = first; p < b->npages && p - first < count; p++) {
		if (bit_is_set(b->usable_bits, p))
			continue;
		bit_set(b->usable_bits, p, true);
		bit_set(b->free_bits, p, true);
		b->usable_pages++;
		b->free_pages++;
	}
}

void
pmm_bitmap_reserve(struct pmm_bitmap *b, uint64_t first, uint64_t count)
{
	for (uint64_t p = first; p < b->npages && p - first < count; p++) {
		if (!bit_is_set(b->usable_bits, p))
			continue;
		if (bit_is_set(b->free_bits, p))
			b->free_pages--;
		bit_set(b->usable_bits, p, false);
		bit_set(b->free_bits, p, false);
		b->usable_pages--;
	}
}

/* RETURNS: true when [first, first+count) is all free; else *next is the page
 * after the first busy one, where a later run could start. */
static bool
run_is_free(const struct pmm_bitmap *b, uint64_t first, uint64_t count, uint64_t *next)
{
	for (uint64_t p = first + count; p > first; p--) {
		if (!bit_is_set(b->free_bits, p - 1)) {
			*next = p;
			return false;
		}
	}
	return true;
}

/* RETURNS: 0 and *first, the first aligned free run in [from, to); -ENOMEM when there is none. */
static int
find_run(const struct pmm_bitmap *b, uint64_t from, uint64_t to, uint64_t count, uint64_t align,
	 uint64_t *first)
{
	uint64_t p = (from + align - 1) / align * align;
	while (p + count <= to && p + count > p) {
		uint64_t next;
		if (run_is_free(b, p, count, &next)) {
			*first = p;
			return 0;
		}
		p = (next + align - 1) / align * align;
	}
	return -ENOMEM;
}

int
pmm_bitmap_alloc(struct pmm_bitmap *b, uint64_t count, uint64_t align, uint64_t *first)
{
	if (count == 0 || align == 0)
		return -EINVAL;
	if (count > b->free_pages)
		return -ENOMEM;
	/* Single pages: first from the hint, which skips the allocated prefix. */
	bool found = count == 1 && find_run(b, b->hint, b->npages, 1, align, first) == 0;
	if (!found && find_run(b, 0, b->npages, count, align, first))
		return -ENOMEM;
	for (uint64_t p = *first; p < *first + count; p++)
		bit_set(b->free_bits, p, false);
	b->free_pages -= count;
	if (count == 1)
		b->hint = *first + 1;
	return 0;
}

uint64_t
pmm_bitmap_count_allocated(const struct pmm_bitmap *b, uint64_t first, uint64_t count)
{
	uint64_t n = 0;
	for (uint64_t p = first; p < first + count && p < b->npages; p++)
		n += bit_is_set(b->usable_bits, p) && !bit_is_set(b->free_bits, p);
	return n;
}

int
pmm_bitmap_free(struct pmm_bitmap *b, uint64_t first, uint64_t count)
{
	if (first >= b->npages || count > b->npages - first)
		return -EINVAL;
	for (uint64_t p = first; p < first + count; p++)
		if (!bit_is_set(b->usable_bits, p) || bit_is_set(b->free_bits, p))
			return -EINVAL;
	for (uint64_t p = first; p < first + count; p++)
		bit_set(b->free_bits, p, true);
	b->free_pages += count;
	if (first < b->hint)
		b->hint = first;
	return 0;
}
