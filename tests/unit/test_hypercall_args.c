/* SOURCES: hv/hypercall_args.c hv/trace/silent.c kernel/va.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "hv/abi.h"
#include "hv/hypercall_args.h"
#include "kernel/errno.h"

#define NEED sizeof(struct hv_stats)

static void
test_good_buffers(void **state)
{
	(void)state;
	assert_int_equal(hypercall_check_buffer(0x200000, NEED, NEED), 0);
	assert_int_equal(hypercall_check_buffer(0x200000, HC_MAX_BUFFER, NEED), 0);
	assert_int_equal(hypercall_check_buffer(0x00007FFFFFFFF000ULL, 0x1000, 0x1000), 0);
	assert_int_equal(hypercall_check_buffer(0xFFFF800000000000ULL, NEED, NEED), 0);
}

static void
test_bad_lengths(void **state)
{
	(void)state;
	assert_int_equal(hypercall_check_buffer(0x200000, 0, NEED), -EINVAL);
	assert_int_equal(hypercall_check_buffer(0x200000, NEED - 1, NEED), -EINVAL);
	assert_int_equal(hypercall_check_buffer(0x200000, HC_MAX_BUFFER + 1, NEED), -EINVAL);
	assert_int_equal(hypercall_check_buffer(0x200000, ~0ULL, NEED), -EINVAL);
}

static void
test_bad_pointers(void **state)
{
	(void)state;
	assert_int_equal(hypercall_check_buffer(0, NEED, NEED), -EFAULT);
	/* Wraps around the top of the address space. */
	assert_int_equal(hypercall_check_buffer(~0ULL - 8, NEED, NEED), -EFAULT);
	/* Non-canonical, and crossing the canonical hole. */
	assert_int_equal(hypercall_check_buffer(0x0000800000000000ULL, NEED, NEED), -EFAULT);
	assert_int_equal(hypercall_check_buffer(0x00007FFFFFFFFF00ULL, NEED, NEED), -EFAULT);
	/* The hypervisor's own half. */
	assert_int_equal(hypercall_check_buffer(HV_LINK_BASE, NEED, NEED), -EFAULT);
	assert_int_equal(hypercall_check_buffer(HV_LINK_BASE - 16, NEED, NEED), -EFAULT);
}

/* hypercall_gate: ring 3 gets #UD whatever it asks; only HC_DEVIRTUALIZE
 * waits for pending interrupts, by retrying when the guest can take them
 * and failing with -EBUSY when it cannot. */
static void
test_gate(void **state)
{
	(void)state;
	for (unsigned cpl = 1; cpl < 4; cpl++) {
		assert_int_equal(hypercall_gate(cpl, HC_VERSION, false, true), HYPERCALL_UD);
		assert_int_equal(hypercall_gate(cpl, HC_DEVIRTUALIZE, true, true), HYPERCALL_UD);
	}
	assert_int_equal(hypercall_gate(0, HC_VERSION, false, false), HYPERCALL_RUN);
	assert_int_equal(hypercall_gate(0, HC_STATS, true, false), HYPERCALL_RUN);
	assert_int_equal(hypercall_gate(0, 0x7777, true, true), HYPERCALL_RUN);
	assert_int_equal(hypercall_gate(0, HC_DEVIRTUALIZE, false, false), HYPERCALL_RUN);
	assert_int_equal(hypercall_gate(0, HC_DEVIRTUALIZE, true, true), HYPERCALL_RETRY);
	assert_int_equal(hypercall_gate(0, HC_DEVIRTUALIZE, true, false), HYPERCALL_BUSY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_buffers),
		cmocka_unit_test(test_bad_lengths),
		cmocka_unit_test(test_bad_pointers),
		cmocka_unit_test(test_gate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
