/* SOURCES: kernel/ring.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "kernel/errno.h"
#include "kernel/ring.h"

/* Emptiness as the consumer sees it: nothing comes out. */
static void
assert_empty(struct ring *r)
{
	uint8_t out[1];
	assert_int_equal(ring_get(r, out, sizeof(out)), 0);
}

static void
test_init_rejects_sizes_that_are_not_powers_of_two(void **state)
{
	(void)state;
	struct ring r;
	uint8_t buf[12];
	assert_int_equal(ring_init(&r, buf, 0), -EINVAL);
	assert_int_equal(ring_init(&r, buf, 1), -EINVAL);
	assert_int_equal(ring_init(&r, buf, 12), -EINVAL);
	assert_int_equal(ring_init(&r, buf, 8), 0);
	assert_empty(&r);
}

static void
test_bytes_come_out_in_order(void **state)
{
	(void)state;
	struct ring r;
	uint8_t buf[8], out[8];
	ring_init(&r, buf, sizeof(buf));
	for (int i = 0; i < 5; i++)
		assert_int_equal(ring_put(&r, (uint8_t)('a' + i)), 0);
	assert_int_equal(ring_get(&r, out, 2), 2);
	assert_memory_equal(out, "ab", 2);
	assert_int_equal(ring_get(&r, out, sizeof(out)), 3);
	assert_memory_equal(out, "cde", 3);
	assert_empty(&r);
}

static void
test_full_ring_drops_and_keeps_old_bytes(void **state)
{
	(void)state;
	struct ring r;
	uint8_t buf[4], out[8];
	ring_init(&r, buf, sizeof(buf));
	for (int i = 0; i < 4; i++)
		assert_int_equal(ring_put(&r, (uint8_t)i), 0);
	assert_int_equal(ring_put(&r, 99), -ENOSPC);
	assert_int_equal(ring_get(&r, out, sizeof(out)), 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(out[i], i);
	assert_int_equal(ring_put(&r, 7), 0);
	assert_int_equal(ring_get(&r, out, 1), 1);
	assert_int_equal(out[0], 7);
}

static void
test_wraps_around_the_buffer_many_times(void **state)
{
	(void)state;
	struct ring r;
	uint8_t buf[8], out[3];
	ring_init(&r, buf, sizeof(buf));
	uint8_t next_in = 0, next_out = 0;
	for (int round = 0; round < 1000; round++) {
		for (int i = 0; i < 3; i++)
			assert_int_equal(ring_put(&r, next_in++), 0);
		assert_int_equal(ring_get(&r, out, 3), 3);
		for (int i = 0; i < 3; i++)
			assert_int_equal(out[i], next_out++);
	}
	assert_empty(&r);
}

static void
test_indices_overflowing_size_t_keep_working(void **state)
{
	(void)state;
	struct ring r;
	uint8_t buf[4], out[4];
	ring_init(&r, buf, sizeof(buf));
	r.head = r.tail = SIZE_MAX - 1;
	for (int i = 0; i < 4; i++)
		assert_int_equal(ring_put(&r, (uint8_t)(10 + i)), 0);
	assert_int_equal(ring_put(&r, 0), -ENOSPC);
	assert_int_equal(ring_get(&r, out, 4), 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(out[i], 10 + i);
	assert_empty(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_rejects_sizes_that_are_not_powers_of_two),
		cmocka_unit_test(test_bytes_come_out_in_order),
		cmocka_unit_test(test_full_ring_drops_and_keeps_old_bytes),
		cmocka_unit_test(test_wraps_around_the_buffer_many_times),
		cmocka_unit_test(test_indices_overflowing_size_t_keep_working),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
