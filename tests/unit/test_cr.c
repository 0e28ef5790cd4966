/* SOURCES: hv/cr.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "hv/cr.h"
#include "kernel/errno.h"

/* Bochs corei7_haswell_4770: 40 physical address bits, CR4 FIXED1 0x1727ff without VMXE. */
static const struct cr_model haswell = { 40, 0x1727ffULL & ~CR4_VMXE };
/* The OS as it runs: paging, long mode, CR3 page-aligned. */
static const struct cr_view os = { 0xE0010031ULL & ~(CR0_CD | CR0_NW), 0x15e000, 0x20, true };

static void
test_cr3_reserved_bits(void **state)
{
	(void)state;
	uint64_t out = 0;
	assert_int_equal(cr_check_cr3(&haswell, &os, 0x15e000, &out), 0);
	assert_int_equal(out, 0x15e000);
	/* Bit 39 is the last address bit, 40 the first reserved one. */
	assert_int_equal(cr_check_cr3(&haswell, &os, 0x15e000 | (1ULL << 39), &out), 0);
	assert_int_equal(cr_check_cr3(&haswell, &os, 0x15e000 | (1ULL << 40), &out), -EINVAL);
	assert_int_equal(cr_check_cr3(&haswell, &os, 0x15e000 | (1ULL << 62), &out), -EINVAL);
	/* PWT/PCD and the ignored low bits are fine without PCIDE. */
	assert_int_equal(cr_check_cr3(&haswell, &os, 0x15e018, &out), 0);
	assert_int_equal(out, 0x15e018);
}

static void
test_cr3_bit63(void **state)
{
	(void)state;
	uint64_t out = 0;
	struct cr_view pcid = os;
	pcid.cr4 |= CR4_PCIDE;
	assert_int_equal(cr_check_cr3(&haswell, &os, 0x15e000 | CR3_NO_FLUSH, &out), -EINVAL);
	assert_int_equal(cr_check_cr3(&haswell, &pcid, 0x15e001 | CR3_NO_FLUSH, &out), 0);
	assert_int_equal(out, 0x15e001);
	assert_int_equal(cr_cr3_reserved(&haswell, 0), 0xFFFFFF0000000000ULL);
}

static void
test_cr0(void **state)
{
	(void)state;
	uint64_t out = 0;
	/* Clearing NE is legal: the guest keeps its own view. */
	assert_int_equal(cr_check_cr0(&haswell, &os, os.cr0 & ~CR0_NE, &out), 0);
	assert_int_equal(out, os.cr0 & ~CR0_NE);
	/* ET reads 1; undefined low bits are dropped. */
	assert_int_equal(cr_check_cr0(&haswell, &os, (os.cr0 & ~CR0_ET) | (1ULL << 8), &out), 0);
	assert_int_equal(out, os.cr0);
	assert_int_equal(cr_check_cr0(&haswell, &os, os.cr0 | (1ULL << 32), &out), -EINVAL);
	assert_int_equal(cr_check_cr0(&haswell, &os, os.cr0 & ~CR0_PG, &out), -EINVAL);
	assert_int_equal(cr_check_cr0(&haswell, &os, os.cr0 & ~CR0_PE, &out), -EINVAL);
	assert_int_equal(cr_check_cr0(&haswell, &os, os.cr0 | CR0_NW, &out), -EINVAL);
	assert_int_equal(cr_check_cr0(&haswell, &os, os.cr0 | CR0_NW | CR0_CD, &out), 0);
}

static void
test_cr4(void **state)
{
	(void)state;
	uint64_t out = 0;
	assert_int_equal(cr_check_cr4(&haswell, &os, 0x20 | CR4_PGE, &out), 0);
	assert_int_equal(out, 0x20 | CR4_PGE);
	/* VMXE is hidden from the guest: not supported, so #GP. */
	assert_int_equal(cr_check_cr4(&haswell, &os, 0x20 | CR4_VMXE, &out), -EINVAL);
	assert_int_equal(cr_check_cr4(&haswell, &os, 0x20 | (1ULL << 32), &out), -EINVAL);
	assert_int_equal(cr_check_cr4(&haswell, &os, 0, &out), -EINVAL);
	/* PCIDE with CR3[11:0] != 0 faults, with 0 it does not. */
	struct cr_view low = os;
	low.cr3 |= 0x18;
	assert_int_equal(cr_check_cr4(&haswell, &low, 0x20 | CR4_PCIDE, &out), -EINVAL);
	assert_int_equal(cr_check_cr4(&haswell, &os, 0x20 | CR4_PCIDE, &out), 0);
	assert_int_equal(cr_check_cr4(&haswell, &os, 0x20 | CR4_LA57, &out), -EINVAL);
}

static void
test_cr8(void **state)
{
	(void)state;
	uint64_t out = 0;
	assert_int_equal(cr_check_cr8(0xF, &out), 0);
	assert_int_equal(out, 0xF);
	assert_int_equal(cr_check_cr8(0x10, &out), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cr3_reserved_bits), cmocka_unit_test(test_cr3_bit63), cmocka_unit_test(test_cr0),
		cmocka_unit_test(test_cr4),		  cmocka_unit_test(test_cr8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
