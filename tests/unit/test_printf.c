/* SOURCES: kernel/printf.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "kernel/printf.h"

static char buf[128];

/* No format attribute here: the tests feed deliberately odd formats. */
static int
format(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return n;
}

#define CHECK(want, ...) \
	do { \
		int n = format(__VA_ARGS__); \
		assert_string_equal(buf, want); \
		assert_int_equal(n, (int)strlen(want)); \
	} while (0)

static void
test_integers(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("-42 17", "%d %u", -42, 17u);
	CHECK("-9223372036854775808", "%ld", (long)INT64_MIN);
	CHECK("18446744073709551615", "%lu", (unsigned long)UINT64_MAX);
	CHECK("ff FF", "%x %X", 255u, 255u);
	CHECK("deadbeefcafe", "%lx", 0xdeadbeefcafeUL);
	CHECK("123", "%zu", (size_t)123);
}

static void
test_width_and_flags(void **state)
{
	(void)state;
	CHECK("   42", "%5d", 42);
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("0000beef", "%08x", 0xbeefu);
	CHECK("  ab", "%4s", "ab");
	CHECK("ab  |", "%-4s|", "ab");
	CHECK("abcdef", "%2s", "abcdef");
}

static void
test_strings_chars_pointers(void **state)
{
	(void)state;
	CHECK("x=(null)", "x=%s", (char *)NULL);
	CHECK("c=Z", "c=%c", 'Z');
	CHECK("0x1000", "%p", (void *)0x1000);
	CHECK("100%", "100%%");
	CHECK("%q", "%q");
	CHECK("end", "end%");
}

static void
test_truncation(void **state)
{
	(void)state;
	char small[6];
	int n = ksnprintf(small, sizeof(small), "hello, %s", "world");
	assert_int_equal(n, 12);
	assert_string_equal(small, "hello");
	memset(small, 'x', sizeof(small));
	assert_int_equal(ksnprintf(small, 0, "abc"), 3);
	assert_int_equal(small[0], 'x');
	assert_int_equal(ksnprintf(small, 1, "abc"), 3);
	assert_int_equal(small[0], '\0');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_width_and_flags),
		cmocka_unit_test(test_strings_chars_pointers),
		cmocka_unit_test(test_truncation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
