/* SOURCES: kernel/cmdline.c kernel/string.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "kernel/cmdline.h"

static void
test_lookup(void **state)
{
	(void)state;
	char v[16];
	assert_int_equal(cmdline_get("scenario=demo trace", "scenario", v, sizeof(v)), 0);
	assert_string_equal(v, "demo");
	assert_int_equal(cmdline_get("scenario=demo trace", "trace", v, sizeof(v)), 0);
	assert_string_equal(v, "");
	assert_int_equal(cmdline_get("  a=1   b=2 ", "b", v, sizeof(v)), 0);
	assert_string_equal(v, "2");
	assert_int_equal(cmdline_get("key=", "key", v, sizeof(v)), 0);
	assert_string_equal(v, "");
}

static void
test_missing_and_prefixes(void **state)
{
	(void)state;
	char v[16] = "untouched";
	assert_int_equal(cmdline_get("", "scenario", v, sizeof(v)), -2);
	assert_int_equal(cmdline_get("scenarios=x", "scenario", v, sizeof(v)), -2);
	assert_int_equal(cmdline_get("xscenario=x", "scenario", v, sizeof(v)), -2);
	assert_string_equal(v, "untouched");
	assert_int_equal(cmdline_get("scenarios=x scenario=y", "scenario", v, sizeof(v)), 0);
	assert_string_equal(v, "y");
}

static void
test_truncation(void **state)
{
	(void)state;
	char v[4];
	assert_int_equal(cmdline_get("name=abcdefgh", "name", v, sizeof(v)), 0);
	assert_string_equal(v, "abc");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_missing_and_prefixes),
		cmocka_unit_test(test_truncation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
