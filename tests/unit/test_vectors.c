/* SOURCES: kernel/vectors.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "kernel/vectors.h"

/* Faults are printed by name: the names tests and users grep for. */
static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(vector_name(VECTOR_DE), "#DE");
	assert_string_equal(vector_name(VECTOR_UD), "#UD");
	assert_string_equal(vector_name(VECTOR_DF), "#DF");
	assert_string_equal(vector_name(VECTOR_GP), "#GP");
	assert_string_equal(vector_name(VECTOR_PF), "#PF");
	assert_string_equal(vector_name(15), "?");
	assert_string_equal(vector_name(VECTOR_EXCEPTIONS), "?");
	assert_string_equal(vector_name(0x80), "?");
	assert_string_equal(vector_name(UINT64_MAX), "?");
}

/* SDM Vol. 3A Table 6-1: these push an error code, no other exception does. */
static void
test_error_codes(void **state)
{
	(void)state;
	static const int with[] = { 8, 10, 11, 12, 13, 14, 17, 21, 29, 30 };
	int n = 0;
	for (int v = 0; v < 256; v++) {
		int expect = 0;
		for (size_t i = 0; i < sizeof(with) / sizeof(with[0]); i++)
			expect |= with[i] == v;
		assert_int_equal(!!VECTOR_HAS_ERROR(v), expect);
		n += expect;
	}
	assert_int_equal(n, 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_error_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
