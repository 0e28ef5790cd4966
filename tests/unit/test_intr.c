/* SOURCES: hv/intr.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>
#include "hv/emulate.h"
#include "hv/intr.h"
#include "hv/stats.h"

/* intr_queue counts every vector it is given. */
static uint64_t counted[256];
void
stats_interrupt(uint8_t vector)
{
	counted[vector]++;
}

/* No device is emulated here: every interrupt is the guest's. */
bool
emulate_take_interrupt(uint8_t vector)
{
	(void)vector;
	return false;
}

static int
setup(void **state)
{
	(void)state;
	intr_reset();
	for (int v = 0; v < 256; v++)
		counted[v] = 0;
	return 0;
}

static void
test_empty(void **state)
{
	(void)state;
	assert_false(intr_pending());
	assert_int_equal(intr_take(true), -1);
	assert_int_equal(intr_take(false), -1);
}

/* Lowest vector first, each once, across all four words of the bitmap. */
static void
test_lowest_first(void **state)
{
	(void)state;
	const uint8_t in[] = { 200, 36, 255, 32, 64, 63, 0, 128 };
	const int out[] = { 0, 32, 36, 63, 64, 128, 200, 255 };
	for (unsigned i = 0; i < sizeof(in); i++)
		intr_queue(in[i]);
	for (unsigned i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
		assert_true(intr_pending());
		assert_int_equal(intr_take(true), out[i]);
	}
	assert_false(intr_pending());
	assert_int_equal(intr_take(true), -1);
	assert_int_equal(counted[200] + counted[0] + counted[255], 3);
}

/* A vector raised twice before delivery is delivered once (an edge the PIC
 * would also merge) but counted twice; nothing leaves while the guest cannot
 * take it. */
static void
test_hold_and_merge(void **state)
{
	(void)state;
	intr_queue(32);
	intr_queue(32);
	assert_int_equal(counted[32], 2);
	assert_int_equal(intr_take(false), -1);
	assert_int_equal(intr_take(false), -1);
	assert_true(intr_pending());
	assert_int_equal(intr_take(true), 32);
	assert_false(intr_pending());
}

/* A new interpose starts with nothing pending. */
static void
test_reset(void **state)
{
	(void)state;
	intr_queue(40);
	intr_queue(250);
	intr_reset();
	assert_false(intr_pending());
	assert_int_equal(intr_take(true), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_lowest_first, setup),
		cmocka_unit_test_setup(test_hold_and_merge, setup),
		cmocka_unit_test_setup(test_reset, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
