/* SOURCES: guestos/mm/pmm_bitmap.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "guestos/mm/pmm_bitmap.h"
#include "kernel/errno.h"

#define NPAGES 200

static uint64_t free_bits[PMM_BITMAP_WORDS(NPAGES)];
static uint64_t usable_bits[PMM_BITMAP_WORDS(NPAGES)];
static struct pmm_bitmap b;

/* Pages 10-99 and 120-199 are RAM; 50-54 are reserved (a "kernel image"). */
static int
setup(void **state)
{
	(void)state;
	pmm_bitmap_init(&b, free_bits, usable_bits, NPAGES);
	pmm_bitmap_add(&b, 10, 90);
	pmm_bitmap_add(&b, 120, 1000); /* runs past the end: clipped */
	pmm_bitmap_reserve(&b, 50, 5);
	return 0;
}

static void
test_counts(void **state)
{
	(void)state;
	assert_int_equal(b.usable_pages, 90 + 80 - 5);
	assert_int_equal(b.free_pages, b.usable_pages);
}

static void
test_single_pages_unique_and_usable(void **state)
{
	(void)state;
	uint8_t seen[NPAGES] = { 0 };
	uint64_t total = b.free_pages, p;
	for (uint64_t i = 0; i < total; i++) {
		assert_int_equal(pmm_bitmap_alloc(&b, 1, 1, &p), 0);
		assert_true(p < NPAGES);
		assert_false(seen[p]);
		assert_false(p < 10 || (p >= 50 && p < 55) || (p >= 100 && p < 120));
		seen[p] = 1;
	}
	assert_int_equal(b.free_pages, 0);
	assert_int_equal(pmm_bitmap_alloc(&b, 1, 1, &p), -ENOMEM);
	for (p = 0; p < NPAGES; p++)
		if (seen[p])
			assert_int_equal(pmm_bitmap_free(&b, p, 1), 0);
	assert_int_equal(b.free_pages, total);
}

static void
test_double_free_and_foreign_free(void **state)
{
	(void)state;
	uint64_t p;
	assert_int_equal(pmm_bitmap_alloc(&b, 1, 1, &p), 0);
	assert_int_equal(pmm_bitmap_free(&b, p, 1), 0);
	assert_int_equal(pmm_bitmap_free(&b, p, 1), -EINVAL);	/* double free */
	assert_int_equal(pmm_bitmap_free(&b, 52, 1), -EINVAL);	/* reserved */
	assert_int_equal(pmm_bitmap_free(&b, 5, 1), -EINVAL);	/* never RAM */
	assert_int_equal(pmm_bitmap_free(&b, NPAGES, 1), -EINVAL);
	assert_int_equal(pmm_bitmap_free(&b, NPAGES - 1, 2), -EINVAL);
	assert_int_equal(b.free_pages, b.usable_pages);
}

static void
test_partial_bad_free_frees_nothing(void **state)
{
	(void)state;
	uint64_t p;
	assert_int_equal(pmm_bitmap_alloc(&b, 4, 1, &p), 0);
	assert_int_equal(pmm_bitmap_free(&b, p + 2, 1), 0);
	uint64_t before = b.free_pages;
	assert_int_equal(pmm_bitmap_free(&b, p, 4), -EINVAL);	/* p+2 already free */
	assert_int_equal(b.free_pages, before);
	assert_int_equal(pmm_bitmap_free(&b, p, 2), 0);
	assert_int_equal(pmm_bitmap_free(&b, p + 3, 1), 0);
}

static void
test_contig_aligned(void **state)
{
	(void)state;
	uint64_t p, q;
	assert_int_equal(pmm_bitmap_alloc(&b, 16, 16, &p), 0);
	assert_int_equal(p % 16, 0);
	assert_true(p >= 10);
	/* 16-aligned runs of 16 in [10,50) and [55,100): 16, 32 and 64, 80. */
	assert_true(p == 16);
	assert_int_equal(pmm_bitmap_alloc(&b, 40, 1, &q), 0);
	assert_true(q == 55 || q >= 120);
	assert_true(q + 40 <= 100 || q >= 120);
	assert_int_equal(pmm_bitmap_free(&b, p, 16), 0);
	assert_int_equal(pmm_bitmap_free(&b, q, 40), 0);
	assert_int_equal(b.free_pages, b.usable_pages);
}

static void
test_contig_never_spans_holes(void **state)
{
	(void)state;
	uint64_t p;
	/* The longest free run is 120-199 (80 pages). */
	assert_int_equal(pmm_bitmap_alloc(&b, 81, 1, &p), -ENOMEM);
	assert_int_equal(pmm_bitmap_alloc(&b, 80, 1, &p), 0);
	assert_int_equal(p, 120);
	assert_int_equal(pmm_bitmap_alloc(&b, 50, 1, &p), -ENOMEM);
	assert_int_equal(pmm_bitmap_alloc(&b, 0, 1, &p), -EINVAL);
	assert_int_equal(pmm_bitmap_alloc(&b, 1, 0, &p), -EINVAL);
}

static void
test_fragmented(void **state)
{
	(void)state;
	uint64_t pages[165], p;
	int n = 0;
	while (pmm_bitmap_alloc(&b, 1, 1, &p) == 0)
		pages[n++] = p;
	assert_int_equal(n, 165);
	/* Free every other page: no run of two exists. */
	for (int i = 0; i < n; i += 2)
		assert_int_equal(pmm_bitmap_free(&b, pages[i], 1), 0);
	assert_int_equal(pmm_bitmap_alloc(&b, 2, 1, &p), -ENOMEM);
	assert_int_equal(pmm_bitmap_alloc(&b, 1, 1, &p), 0);
	assert_int_equal(p, pages[0]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_counts, setup),
		cmocka_unit_test_setup(test_single_pages_unique_and_usable, setup),
		cmocka_unit_test_setup(test_double_free_and_foreign_free, setup),
		cmocka_unit_test_setup(test_partial_bad_free_frees_nothing, setup),
		cmocka_unit_test_setup(test_contig_aligned, setup),
		cmocka_unit_test_setup(test_contig_never_spans_holes, setup),
		cmocka_unit_test_setup(test_fragmented, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
