/* SOURCES: kernel/crc32.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "kernel/crc32.h"

static void
test_known_values(void **state)
{
	(void)state;
	/* The CRC-32/ISO-HDLC check value of "123456789". */
	assert_int_equal(crc32_update(0, "123456789", 9), 0xCBF43926u);
	assert_int_equal(crc32_update(0, "", 0), 0);
	assert_int_equal(crc32_update(0, "a", 1), 0xE8B7BE43u);
}

static void
test_incremental(void **state)
{
	(void)state;
	uint32_t c = crc32_update(0, "1234", 4);
	assert_int_equal(crc32_update(c, "56789", 5), 0xCBF43926u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_values),
		cmocka_unit_test(test_incremental),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
