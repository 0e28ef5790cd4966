/* SOURCES: hv/shadow_entry.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "hv/shadow_entry.h"
#include "kernel/errno.h"

static const struct pt_mode mode = { .wp = true, .nxe = true, .page1gb = true, .maxphyaddr = 36 };
static const struct shadow_block block = { .pa = 0x400000, .size = 0x100000 };

static struct pt_walk
guest(uint64_t pa, uint64_t size, bool w, bool u, bool x, uint64_t leaf)
{
	struct pt_walk g = { .pa = pa, .page_size = size, .writable = w, .user = u, .executable = x, .leaf = leaf };
	return g;
}

static void test_rights_never_grow(void **state)
{
	(void)state;
	for (unsigned c = 0; c < 16; c++) {
		bool w = c & 1, u = c & 2, x = c & 4, dirty = c & 8;
		struct pt_walk g = guest(0x123456, PAGE_SIZE_4K, w, u, x, PTE_PRESENT | (dirty ? PTE_DIRTY : 0));
		uint64_t pte, size;
		assert_int_equal(shadow_entry(&g, 0, &mode, false, &block, &pte, &size), 0);
		assert_int_equal(size, PAGE_SIZE_4K);
		assert_int_equal(pte & PTE_ADDR_MASK, 0x123000);
		assert_int_equal(!!(pte & PTE_USER), u);
		/* writable only when the guest allows it and the page is already dirty */
		assert_int_equal(!!(pte & PTE_WRITE), w && dirty);
		assert_int_equal(!!(pte & PTE_NX), !x);
		/* a write makes it dirty: then writable if the guest allows */
		assert_int_equal(shadow_entry(&g, PF_WRITE, &mode, false, &block, &pte, &size), 0);
		assert_int_equal(!!(pte & PTE_WRITE), w);
	}
}

static void test_wp_clear_kernel_write(void **state)
{
	(void)state;
	struct pt_mode nowp = mode;
	nowp.wp = false;
	struct pt_walk g = guest(0x5000, PAGE_SIZE_4K, false, true, true, PTE_PRESENT | PTE_USER);
	uint64_t pte, size;
	assert_int_equal(shadow_entry(&g, PF_WRITE, &nowp, false, &block, &pte, &size), 0);
	/* writable for the kernel, hidden from ring 3 */
	assert_true(pte & PTE_WRITE);
	assert_false(pte & PTE_USER);
	assert_int_equal(shadow_entry(&g, PF_USER, &nowp, false, &block, &pte, &size), 0);
	assert_false(pte & PTE_WRITE);
	assert_true(pte & PTE_USER);
}

static void test_block_never_mapped(void **state)
{
	(void)state;
	uint64_t pte, size;
	struct pt_walk g = guest(0x400000, PAGE_SIZE_4K, true, true, true, PTE_PRESENT);
	assert_int_equal(shadow_entry(&g, 0, &mode, false, &block, &pte, &size), -EPERM);
	g.pa = 0x4FFFFF;
	assert_int_equal(shadow_entry(&g, 0, &mode, false, &block, &pte, &size), -EPERM);
	/* a 2 MiB guest page that contains the block: 4 KiB shadows beside it */
	g = guest(0x5FF123, PAGE_SIZE_2M, true, false, true, PTE_PRESENT | PTE_LARGE | PTE_DIRTY);
	assert_int_equal(shadow_entry(&g, 0, &mode, false, &block, &pte, &size), 0);
	assert_int_equal(size, PAGE_SIZE_4K);
	assert_int_equal(pte & PTE_ADDR_MASK, 0x5FF000);
	/* a 2 MiB guest page away from it: one 2 MiB shadow */
	g.pa = 0x812345;
	assert_int_equal(shadow_entry(&g, 0, &mode, false, &block, &pte, &size), 0);
	assert_int_equal(size, PAGE_SIZE_2M);
	assert_int_equal(pte & PTE_ADDR_MASK, 0x800000);
	assert_true(pte & PTE_LARGE);
	/* part of a 1 GiB page */
	g = guest(0x40312345, PAGE_SIZE_1G, true, false, true, PTE_PRESENT | PTE_LARGE);
	assert_int_equal(shadow_entry(&g, 0, &mode, false, &block, &pte, &size), 0);
	assert_int_equal(pte & PTE_ADDR_MASK, 0x40200000);
}

static void test_global_and_nx(void **state)
{
	(void)state;
	uint64_t pte, size;
	struct pt_walk g = guest(0x9000, PAGE_SIZE_4K, true, false, false, PTE_PRESENT | PTE_GLOBAL | PTE_PCD);
	assert_int_equal(shadow_entry(&g, 0, &mode, true, &block, &pte, &size), 0);
	assert_true(pte & PTE_GLOBAL);
	assert_true(pte & PTE_PCD);
	assert_true(pte & PTE_NX);
	assert_int_equal(shadow_entry(&g, 0, &mode, false, &block, &pte, &size), 0);
	assert_false(pte & PTE_GLOBAL);
	/* without EFER.NXE bit 63 is reserved: never set */
	struct pt_mode nonx = mode;
	nonx.nxe = false;
	assert_int_equal(shadow_entry(&g, 0, &nonx, false, &block, &pte, &size), 0);
	assert_false(pte & PTE_NX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rights_never_grow),
		cmocka_unit_test(test_wp_clear_kernel_write),
		cmocka_unit_test(test_block_never_mapped),
		cmocka_unit_test(test_global_and_nx),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
