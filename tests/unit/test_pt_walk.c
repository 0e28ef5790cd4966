/* SOURCES: guestos/mm/pt_walk.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "guestos/mm/pt_walk.h"
#include "kernel/errno.h"

/* A fake physical memory of 8 table pages: "physical" address = (index+1) * 4096. */
static uint64_t mem[8][512] __attribute__((aligned(4096)));

static void *
fake_ptr(uint64_t pa)
{
	uint64_t i = pa / 4096 - 1;
	assert_true(i < 8 && pa % 4096 == 0);
	return mem[i];
}

#define PA(i) ((uint64_t)(i + 1) * 4096)
#define PML4 PA(0)
#define ALL (PTE_PRESENT | PTE_WRITE | PTE_USER)

static int setup(void **state)
{
	(void)state;
	memset(mem, 0, sizeof(mem));
	return 0;
}

/* user 4 KiB page at 0x8000001000 -> 0x12345000, read-only leaf */
static void test_4k_user_page(void **state)
{
	(void)state;
	uint64_t va = 0x0000008000001000ULL;
	mem[0][pt_index(va, 4)] = PA(1) | ALL;
	mem[1][pt_index(va, 3)] = PA(2) | ALL;
	mem[2][pt_index(va, 2)] = PA(3) | ALL;
	mem[3][pt_index(va, 1)] = 0x12345000ULL | PTE_PRESENT | PTE_USER;
	struct pt_walk_result r;
	assert_int_equal(pt_walk(PML4, va + 0x123, fake_ptr, &r), 0);
	assert_int_equal(r.pa, 0x12345123ULL);
	assert_int_equal(r.page_size, 4096);
	assert_true(r.user);
	assert_false(r.writable);
	assert_true(r.executable);
	/* the neighbour page is not present */
	assert_int_equal(pt_walk(PML4, va + 0x1000, fake_ptr, &r), -EFAULT);
}

static void test_rights_combine_over_levels(void **state)
{
	(void)state;
	uint64_t va = 0x0000008000200000ULL;
	mem[0][pt_index(va, 4)] = PA(1) | PTE_PRESENT | PTE_WRITE;	/* supervisor at the top */
	mem[1][pt_index(va, 3)] = PA(2) | ALL | PTE_NX;
	mem[2][pt_index(va, 2)] = PA(3) | ALL;
	mem[3][pt_index(va, 1)] = 0x5000ULL | ALL;
	struct pt_walk_result r;
	assert_int_equal(pt_walk(PML4, va, fake_ptr, &r), 0);
	assert_false(r.user);
	assert_true(r.writable);
	assert_false(r.executable);
	assert_int_equal(r.pa, 0x5000);
}

static void test_large_pages(void **state)
{
	(void)state;
	/* identity-style 2 MiB page and a 1 GiB page */
	mem[0][0] = PA(1) | PTE_PRESENT | PTE_WRITE;
	mem[1][0] = PA(2) | PTE_PRESENT | PTE_WRITE;
	mem[2][3] = (3ULL << 21) | PTE_PRESENT | PTE_WRITE | PTE_LARGE;
	mem[1][2] = (2ULL << 30) | PTE_PRESENT | PTE_LARGE;
	struct pt_walk_result r;
	assert_int_equal(pt_walk(PML4, (3ULL << 21) + 0x1234, fake_ptr, &r), 0);
	assert_int_equal(r.pa, (3ULL << 21) + 0x1234);
	assert_int_equal(r.page_size, 2ULL << 20);
	assert_false(r.user);
	assert_int_equal(pt_walk(PML4, (2ULL << 30) + 0x3456789, fake_ptr, &r), 0);
	assert_int_equal(r.pa, (2ULL << 30) + 0x3456789);
	assert_int_equal(r.page_size, 1ULL << 30);
	assert_false(r.writable);
	/* the next 2 MiB is not mapped */
	assert_int_equal(pt_walk(PML4, 1ULL << 21, fake_ptr, &r), -EFAULT);
}

static void test_high_half_and_canonical(void **state)
{
	(void)state;
	uint64_t va = 0xFFFFFFFF80000000ULL;
	mem[0][511] = PA(1) | PTE_PRESENT | PTE_WRITE;
	mem[1][510] = PA(2) | PTE_PRESENT | PTE_WRITE;
	mem[2][0] = PA(3) | PTE_PRESENT | PTE_WRITE;
	mem[3][0] = 0x200000ULL | PTE_PRESENT;
	struct pt_walk_result r;
	assert_int_equal(pt_walk(PML4, va + 8, fake_ptr, &r), 0);
	assert_int_equal(r.pa, 0x200008);
	assert_true(pt_is_canonical(va));
	assert_true(pt_is_canonical(0x00007FFFFFFFFFFFULL));
	assert_false(pt_is_canonical(0x0000800000000000ULL));
	assert_false(pt_is_canonical(0xFFFF7FFFFFFFFFFFULL));
	assert_int_equal(pt_walk(PML4, 0x0000800000000000ULL, fake_ptr, &r), -EFAULT);
}

static void test_empty_tables(void **state)
{
	(void)state;
	struct pt_walk_result r;
	assert_int_equal(pt_walk(PML4, 0, fake_ptr, &r), -EFAULT);
	assert_int_equal(pt_walk(PML4, 0x0000008000000000ULL, fake_ptr, &r), -EFAULT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_4k_user_page, setup),
		cmocka_unit_test_setup(test_rights_combine_over_levels, setup),
		cmocka_unit_test_setup(test_large_pages, setup),
		cmocka_unit_test_setup(test_high_half_and_canonical, setup),
		cmocka_unit_test_setup(test_empty_tables, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
