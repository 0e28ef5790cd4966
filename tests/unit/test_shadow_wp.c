/* SOURCES: hv/shadow_wp.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "hv/shadow_wp.h"
#include "kernel/errno.h"

static int
reset(void **state)
{
	(void)state;
	shadow_wp_reset();
	return 0;
}

/* A frame never seen is unknown (maybe mapped writable); protected once walked. */
static void test_protect(void **state)
{
	(void)state;
	assert_int_equal(shadow_wp_state(0x5000), SHADOW_WP_UNKNOWN);
	assert_int_equal(shadow_wp_protect(0x5000, 0x400000, 1), 0);
	assert_int_equal(shadow_wp_state(0x5000), SHADOW_WP_PROTECTED);
	assert_int_equal(shadow_wp_state(0x6000), SHADOW_WP_UNKNOWN);
	assert_true(shadow_wp_in_2m(0));
	assert_false(shadow_wp_in_2m(0x200000));
}

/* Release tells what the frame translated; a frame used at two places is many. */
static void test_release_reports_use(void **state)
{
	(void)state;
	struct shadow_wp_use use;
	shadow_wp_protect(0x7000, 0x40000000, 2);
	assert_true(shadow_wp_release(0x7000, &use));
	assert_int_equal(use.base, 0x40000000);
	assert_int_equal(use.level, 2);
	assert_false(use.many);
	assert_int_equal(shadow_wp_state(0x7000), SHADOW_WP_RELEASED);
	assert_false(shadow_wp_release(0x7000, &use));
	shadow_wp_protect(0x7000, 0x40000000, 2);
	shadow_wp_protect(0x7000, 0, 2);
	assert_true(shadow_wp_release(0x7000, &use));
	assert_true(use.many);
}

/* A written frame mapped writable stays so until every shadow is dropped. */
static void test_writable_until_unmap_all(void **state)
{
	(void)state;
	struct shadow_wp_use use;
	shadow_wp_mapped(0x9000);
	assert_int_equal(shadow_wp_state(0x9000), SHADOW_WP_UNKNOWN);
	shadow_wp_protect(0x9000, 0, 1);
	shadow_wp_mapped(0x9000);
	assert_int_equal(shadow_wp_state(0x9000), SHADOW_WP_PROTECTED);
	shadow_wp_release(0x9000, &use);
	shadow_wp_mapped(0x9000);
	assert_int_equal(shadow_wp_state(0x9000), SHADOW_WP_WRITABLE);
	shadow_wp_unmap_all();
	assert_int_equal(shadow_wp_state(0x9000), SHADOW_WP_RELEASED);
}

/* The set is bounded: when full it says so instead of losing a frame. */
static void test_full_set(void **state)
{
	(void)state;
	uint64_t pa;
	int err = 0;
	for (pa = 0; pa < 4096ULL * 4096 && !err; pa += 4096)
		err = shadow_wp_protect(pa, 0, 1);
	assert_int_equal(err, -ENOSPC);
	assert_int_equal(shadow_wp_state(pa - 4096), SHADOW_WP_UNKNOWN);
	assert_int_equal(shadow_wp_state(0), SHADOW_WP_PROTECTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_protect, reset),
		cmocka_unit_test_setup(test_release_reports_use, reset),
		cmocka_unit_test_setup(test_writable_until_unmap_all, reset),
		cmocka_unit_test_setup(test_full_set, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
