/* SOURCES: kernel/pt_walk.c kernel/va.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "kernel/pt_walk.h"
#include "kernel/errno.h"

/* A fake physical memory of 8 table pages: "physical" address = (index+1) * 4096.
 * Frame PA(7) is refused, as the hypervisor refuses its block. Any other
 * frame (a data page pt_walk_span offers) reads as one spare page. */
static uint64_t mem[8][512] __attribute__((aligned(4096)));
static uint64_t data_frame[512];

static uint64_t *
fake_table(uint64_t pa)
{
	uint64_t i = pa / 4096 - 1;
	assert_true(pa % 4096 == 0);
	return i == 7 ? NULL : i < 8 ? mem[i] : data_frame;
}

#define PA(i) ((uint64_t)(i + 1) * 4096)
#define PML4 PA(0)
#define ALL (PTE_PRESENT | PTE_WRITE | PTE_USER)
#define UVA 0x0000008000001000ULL

static const struct pt_mode mode = { .wp = true, .nxe = true, .page1gb = true, .maxphyaddr = 36 };

static int setup(void **state)
{
	(void)state;
	memset(mem, 0, sizeof(mem));
	return 0;
}

/* UVA through tables with all rights, to a leaf with `leaf` flags. */
static void
map_uva(uint64_t leaf)
{
	mem[0][pt_index(UVA, 4)] = PA(1) | ALL;
	mem[1][pt_index(UVA, 3)] = PA(2) | ALL;
	mem[2][pt_index(UVA, 2)] = PA(3) | ALL;
	mem[3][pt_index(UVA, 1)] = 0x12345000ULL | leaf;
}

static int
walk(uint64_t va, uint32_t access, const struct pt_mode *m, struct pt_walk *w)
{
	return pt_walk(PML4, va, access, m, fake_table, w);
}

static void test_4k_user_page(void **state)
{
	(void)state;
	map_uva(PTE_PRESENT | PTE_USER);
	struct pt_walk r;
	assert_int_equal(walk(UVA + 0x123, 0, &mode, &r), 0);
	assert_int_equal(r.pa, 0x12345123ULL);
	assert_int_equal(r.page_size, 4096);
	assert_int_equal(r.level, 1);
	assert_true(r.user);
	assert_false(r.writable);
	assert_true(r.executable);
	/* the neighbour page is not present: P clear, the access kind reported */
	assert_int_equal(walk(UVA + 0x1000, PF_USER | PF_WRITE, &mode, &r), -EFAULT);
	assert_int_equal(r.error, PF_USER | PF_WRITE);
}

/* Every access kind against every leaf right, CR0.WP set and clear
 * (SDM Vol. 3A §4.6 "Access Rights"). */
static void test_permission_combinations(void **state)
{
	(void)state;
	for (unsigned leaf = 0; leaf < 8; leaf++) {
		bool w = leaf & 1, u = leaf & 2, nx = leaf & 4;
		for (unsigned acc = 0; acc < 8; acc++) {
			uint32_t access = (acc & 1 ? PF_WRITE : 0) | (acc & 2 ? PF_USER : 0) | (acc & 4 ? PF_FETCH : 0);
			if ((access & PF_WRITE) && (access & PF_FETCH))
				continue; /* no such access */
			for (int wp = 0; wp < 2; wp++) {
				setup(NULL);
				map_uva(PTE_PRESENT | (w ? PTE_WRITE : 0) | (u ? PTE_USER : 0) | (nx ? PTE_NX : 0));
				struct pt_mode m = mode;
				m.wp = wp;
				bool ok = true;
				if ((access & PF_USER) && !u)
					ok = false;
				if ((access & PF_WRITE) && !w && ((access & PF_USER) || wp))
					ok = false;
				if ((access & PF_FETCH) && nx)
					ok = false;
				struct pt_walk r;
				int err = walk(UVA, access, &m, &r);
				assert_int_equal(err, ok ? 0 : -EFAULT);
				if (!ok)
					assert_int_equal(r.error, PF_PRESENT | access);
			}
		}
	}
}

static void test_rights_combine_over_levels(void **state)
{
	(void)state;
	uint64_t va = 0x0000008000200000ULL;
	mem[0][pt_index(va, 4)] = PA(1) | PTE_PRESENT | PTE_WRITE;	/* supervisor at the top */
	mem[1][pt_index(va, 3)] = PA(2) | ALL | PTE_NX;
	mem[2][pt_index(va, 2)] = PA(3) | PTE_PRESENT | PTE_USER;	/* read-only in the middle */
	mem[3][pt_index(va, 1)] = 0x5000ULL | ALL;
	struct pt_walk r;
	assert_int_equal(walk(va, 0, &mode, &r), 0);
	assert_false(r.user);
	assert_false(r.writable);
	assert_false(r.executable);
	assert_int_equal(r.pa, 0x5000);
	assert_int_equal(walk(va, PF_USER, &mode, &r), -EFAULT);
	assert_int_equal(walk(va, PF_WRITE, &mode, &r), -EFAULT);
	assert_int_equal(walk(va, PF_FETCH, &mode, &r), -EFAULT);
	assert_int_equal(r.error, PF_PRESENT | PF_FETCH);
	struct pt_mode nowp = mode;
	nowp.wp = false;
	assert_int_equal(walk(va, PF_WRITE, &nowp, &r), 0);
}

static void test_nx_without_nxe_is_reserved(void **state)
{
	(void)state;
	map_uva(PTE_PRESENT | PTE_NX);
	struct pt_mode m = mode;
	m.nxe = false;
	struct pt_walk r;
	assert_int_equal(walk(UVA, PF_FETCH, &m, &r), -EFAULT);
	/* I/D is not reported without NXE */
	assert_int_equal(r.error, PF_PRESENT | PF_RSVD);
	map_uva(PTE_PRESENT);
	assert_int_equal(walk(UVA, PF_FETCH, &m, &r), 0);
	assert_true(r.executable);
}

static void test_reserved_bits(void **state)
{
	(void)state;
	struct pt_walk r;
	/* an address bit above MAXPHYADDR (36) */
	map_uva(PTE_PRESENT | (1ULL << 40));
	assert_int_equal(walk(UVA, PF_USER, &mode, &r), -EFAULT);
	assert_int_equal(r.error, PF_PRESENT | PF_RSVD | PF_USER);
	/* PS in a PML4E */
	setup(NULL);
	map_uva(PTE_PRESENT);
	mem[0][pt_index(UVA, 4)] |= PTE_LARGE;
	assert_int_equal(walk(UVA, 0, &mode, &r), -EFAULT);
	assert_int_equal(r.error, PF_PRESENT | PF_RSVD);
	/* bits 20:13 of a 2 MiB PDE, bits 29:13 of a 1 GiB PDPTE */
	setup(NULL);
	mem[0][0] = PA(1) | PTE_PRESENT;
	mem[1][0] = PA(2) | PTE_PRESENT;
	mem[2][1] = (1ULL << 21) | (1ULL << 13) | PTE_PRESENT | PTE_LARGE;
	mem[1][1] = (1ULL << 30) | (1ULL << 21) | PTE_PRESENT | PTE_LARGE;
	assert_int_equal(walk(1ULL << 21, 0, &mode, &r), -EFAULT);
	assert_int_equal(r.error, PF_PRESENT | PF_RSVD);
	assert_int_equal(walk(1ULL << 30, 0, &mode, &r), -EFAULT);
	/* a 1 GiB page on a CPU without them */
	mem[1][1] = (1ULL << 30) | PTE_PRESENT | PTE_LARGE;
	assert_int_equal(walk(1ULL << 30, 0, &mode, &r), 0);
	struct pt_mode no1g = mode;
	no1g.page1gb = false;
	assert_int_equal(walk(1ULL << 30, 0, &no1g, &r), -EFAULT);
	assert_int_equal(r.error, PF_PRESENT | PF_RSVD);
}

static void test_refused_table(void **state)
{
	(void)state;
	map_uva(PTE_PRESENT);
	mem[2][pt_index(UVA, 2)] = PA(7) | ALL; /* the page table in the refused frame */
	struct pt_walk r;
	assert_int_equal(walk(UVA, PF_WRITE, &mode, &r), -EFAULT);
	assert_int_equal(r.error, PF_PRESENT | PF_RSVD | PF_WRITE);
	assert_int_equal(pt_walk(PA(7), UVA, 0, &mode, fake_table, &r), -EFAULT);
}

static void test_large_pages(void **state)
{
	(void)state;
	mem[0][0] = PA(1) | PTE_PRESENT | PTE_WRITE;
	mem[1][0] = PA(2) | PTE_PRESENT | PTE_WRITE;
	mem[2][3] = (3ULL << 21) | PTE_PRESENT | PTE_WRITE | PTE_LARGE;
	mem[1][2] = (2ULL << 30) | PTE_PRESENT | PTE_LARGE;
	struct pt_walk r;
	assert_int_equal(walk((3ULL << 21) + 0x1234, 0, &mode, &r), 0);
	assert_int_equal(r.pa, (3ULL << 21) + 0x1234);
	assert_int_equal(r.page_size, 2ULL << 20);
	assert_int_equal(r.level, 2);
	assert_false(r.user);
	assert_int_equal(walk((2ULL << 30) + 0x3456789, 0, &mode, &r), 0);
	assert_int_equal(r.pa, (2ULL << 30) + 0x3456789);
	assert_int_equal(r.page_size, 1ULL << 30);
	assert_int_equal(r.level, 3);
	assert_false(r.writable);
	assert_int_equal(walk(1ULL << 21, 0, &mode, &r), -EFAULT);
}

/* §4.8 "Accessed and Dirty Flags": A at every level used, D in the leaf on a write. */
static void test_accessed_dirty(void **state)
{
	(void)state;
	map_uva(ALL);
	struct pt_walk r;
	assert_int_equal(walk(UVA, PF_USER, &mode, &r), 0);
	pt_walk_mark(&r, PF_USER);
	assert_true(mem[0][pt_index(UVA, 4)] & PTE_ACCESSED);
	assert_true(mem[2][pt_index(UVA, 2)] & PTE_ACCESSED);
	assert_true(mem[3][pt_index(UVA, 1)] & PTE_ACCESSED);
	assert_false(mem[3][pt_index(UVA, 1)] & PTE_DIRTY);
	assert_int_equal(walk(UVA, PF_USER | PF_WRITE, &mode, &r), 0);
	pt_walk_mark(&r, PF_WRITE);
	assert_true(mem[3][pt_index(UVA, 1)] & PTE_DIRTY);
	assert_false(mem[2][pt_index(UVA, 2)] & PTE_DIRTY);
}

static void test_high_half_and_canonical(void **state)
{
	(void)state;
	uint64_t va = 0xFFFFFFFF80000000ULL;
	mem[0][511] = PA(1) | PTE_PRESENT | PTE_WRITE;
	mem[1][510] = PA(2) | PTE_PRESENT | PTE_WRITE;
	mem[2][0] = PA(3) | PTE_PRESENT | PTE_WRITE;
	mem[3][0] = 0x200000ULL | PTE_PRESENT;
	struct pt_walk r;
	assert_int_equal(walk(va + 8, 0, &mode, &r), 0);
	assert_int_equal(r.pa, 0x200008);
	assert_int_equal(walk(0x0000800000000000ULL, 0, &mode, &r), -EINVAL);
}

static void test_empty_tables(void **state)
{
	(void)state;
	struct pt_walk r;
	assert_int_equal(walk(0, 0, &mode, &r), -EFAULT);
	assert_int_equal(r.error, 0);
	assert_int_equal(walk(0x0000008000000000ULL, PF_FETCH, &mode, &r), -EFAULT);
	assert_int_equal(r.error, PF_FETCH);
}

static int
span(uint64_t va, uint64_t len, uint32_t access, uint64_t *done, uint32_t *error)
{
	return pt_walk_span(PML4, va, len, access, &mode, fake_table, done, error);
}

/* A string instruction's buffer: the bytes before the first page that
 * faults are done, the fault is at that page's first byte (SDM Vol. 3A
 * §6.15 Interrupt 14, CR2) with the error code of its walk. */
static void test_span(void **state)
{
	(void)state;
	map_uva(ALL);
	uint64_t done;
	uint32_t error;
	assert_int_equal(span(UVA + 0x10, 0x20, PF_WRITE, &done, &error), 0);
	assert_int_equal(done, 0x20);
	/* the next page is not present */
	assert_int_equal(span(UVA + 0xFF0, 0x20, PF_WRITE | PF_USER, &done, &error), -EFAULT);
	assert_int_equal(done, 0x10);
	assert_int_equal(error, PF_WRITE | PF_USER);
	/* the next page read-only: P for a write, fine for a read */
	mem[3][pt_index(UVA, 1) + 1] = 0x12346000ULL | PTE_PRESENT | PTE_USER;
	assert_int_equal(span(UVA + 0xFF0, 0x20, PF_WRITE, &done, &error), -EFAULT);
	assert_int_equal(done, 0x10);
	assert_int_equal(error, PF_PRESENT | PF_WRITE);
	assert_int_equal(span(UVA + 0xFF0, 0x2000, 0, &done, &error), -EFAULT);
	assert_int_equal(done, 0x1010);
	assert_int_equal(error, 0);
	/* a refused frame faults as a reserved bit would */
	mem[3][pt_index(UVA, 1) + 2] = PA(7) | ALL;
	assert_int_equal(span(UVA + 0x1000, 0x1800, 0, &done, &error), -EFAULT);
	assert_int_equal(done, 0x1000);
	assert_int_equal(error, PF_PRESENT | PF_RSVD);
	/* nothing faults at all for an empty access */
	assert_int_equal(span(0, 0, PF_WRITE, &done, &error), 0);
	assert_int_equal(done, 0);
}

/* Non-canonical is #GP, not #PF: -EINVAL at the first such byte. */
static void test_span_not_canonical(void **state)
{
	(void)state;
	uint64_t va = 0x00007FFFFFFFF000ULL, done;
	uint32_t error;
	mem[0][255] = PA(1) | ALL;
	mem[1][511] = PA(2) | ALL;
	mem[2][511] = PA(3) | ALL;
	mem[3][511] = 0x5000ULL | ALL;
	assert_int_equal(span(va + 0xFF8, 0x10, 0, &done, &error), -EINVAL);
	assert_int_equal(done, 8);
	assert_int_equal(span(0x0000800000000000ULL, 2, PF_WRITE, &done, &error), -EINVAL);
	assert_int_equal(done, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_4k_user_page, setup),
		cmocka_unit_test_setup(test_permission_combinations, setup),
		cmocka_unit_test_setup(test_rights_combine_over_levels, setup),
		cmocka_unit_test_setup(test_nx_without_nxe_is_reserved, setup),
		cmocka_unit_test_setup(test_reserved_bits, setup),
		cmocka_unit_test_setup(test_refused_table, setup),
		cmocka_unit_test_setup(test_large_pages, setup),
		cmocka_unit_test_setup(test_accessed_dirty, setup),
		cmocka_unit_test_setup(test_high_half_and_canonical, setup),
		cmocka_unit_test_setup(test_empty_tables, setup),
		cmocka_unit_test_setup(test_span, setup),
		cmocka_unit_test_setup(test_span_not_canonical, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
