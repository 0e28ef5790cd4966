/* SOURCES: kernel/va.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "kernel/va.h"

/* Both halves up to the hole are canonical, including their last bytes. */
static void
test_canonical_halves(void **state)
{
	(void)state;
	assert_true(va_is_canonical(0));
	assert_true(va_is_canonical(0x00007FFFFFFFFFFFULL));
	assert_true(va_is_canonical(0xFFFF800000000000ULL));
	assert_true(va_is_canonical(0xFFFFFFFF80000000ULL));
	assert_true(va_is_canonical(UINT64_MAX));
}

/* The hole, and a single stray high bit, are not. */
static void
test_non_canonical(void **state)
{
	(void)state;
	assert_false(va_is_canonical(0x0000800000000000ULL));
	assert_false(va_is_canonical(0xFFFF7FFFFFFFFFFFULL));
	assert_false(va_is_canonical(0x8000000000000000ULL));
	assert_false(va_is_canonical(0x0001000000000000ULL));
	assert_false(va_is_canonical(0x7FFFFFFFFFFFFFFFULL));
}

/* Every bit from 48 up must copy bit 47: flip each in turn. */
static void
test_each_high_bit(void **state)
{
	(void)state;
	for (int bit = 48; bit < 64; bit++) {
		assert_false(va_is_canonical(1ULL << bit));
		assert_false(va_is_canonical(0xFFFFFFFFFFFFFFFFULL & ~(1ULL << bit)));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical_halves),
		cmocka_unit_test(test_non_canonical),
		cmocka_unit_test(test_each_high_bit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
