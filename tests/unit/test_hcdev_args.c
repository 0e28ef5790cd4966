/* SOURCES: hv/hypercall_args.c hv/trace/silent.c kernel/va.c */
/* The checks behind HC_CONSOLE_WRITE/READ, HC_DISK_IO and HC_DEVICE_OWN:
 * every bad value a guest can pass gets -EINVAL or -EFAULT. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "hv/abi.h"
#include "hv/hypercall_args.h"
#include "kernel/errno.h"

#define DISK 32256	/* sectors of the test disk image */

static void
test_console(void **state)
{
	(void)state;
	assert_int_equal(hypercall_check_console(0x200001, 1), 0);
	assert_int_equal(hypercall_check_console(0x200000, HC_CONSOLE_MAX), 0);
	assert_int_equal(hypercall_check_console(0x200000, 0), -EINVAL);
	assert_int_equal(hypercall_check_console(0x200000, HC_CONSOLE_MAX + 1), -EINVAL);
	assert_int_equal(hypercall_check_console(0, 16), -EFAULT);
	assert_int_equal(hypercall_check_console(0x0000800000000000ULL, 16), -EFAULT);
	assert_int_equal(hypercall_check_console(HV_LINK_BASE - 8, 16), -EFAULT);
}

static void
test_disk_request_address(void **state)
{
	(void)state;
	assert_int_equal(hypercall_check_disk_va(0x200008), 0);
	assert_int_equal(hypercall_check_disk_va(0x200004), -EINVAL);
	assert_int_equal(hypercall_check_disk_va(0), -EFAULT);
	assert_int_equal(hypercall_check_disk_va(HV_LINK_BASE), -EFAULT);
	assert_int_equal(hypercall_check_disk_va(0x00007FFFFFFFFFF8ULL), -EFAULT);
}

static int
check(uint32_t op, uint32_t count, uint64_t lba, uint64_t buf)
{
	struct hv_disk_request req = { .op = op, .count = count, .lba = lba, .buf = buf };
	return hypercall_check_disk(&req, DISK);
}

static void
test_disk_good(void **state)
{
	(void)state;
	assert_int_equal(check(HV_DISK_READ, 1, 0, 0x200000), 0);
	assert_int_equal(check(HV_DISK_WRITE, HV_DISK_MAX_SECTORS, DISK - HV_DISK_MAX_SECTORS, 0x200002), 0);
	assert_int_equal(check(HV_DISK_READ, 1, DISK - 1, 0xFFFF800000000000ULL), 0);
}

static void
test_disk_bad(void **state)
{
	(void)state;
	assert_int_equal(check(2, 1, 0, 0x200000), -EINVAL);
	assert_int_equal(check(~0u, 1, 0, 0x200000), -EINVAL);
	assert_int_equal(check(HV_DISK_READ, 0, 0, 0x200000), -EINVAL);
	assert_int_equal(check(HV_DISK_READ, HV_DISK_MAX_SECTORS + 1, 0, 0x200000), -EINVAL);
	/* Past the end, and sums that would wrap in 64 or 32 bits. */
	assert_int_equal(check(HV_DISK_WRITE, 1, DISK, 0x200000), -EINVAL);
	assert_int_equal(check(HV_DISK_WRITE, 2, DISK - 1, 0x200000), -EINVAL);
	assert_int_equal(check(HV_DISK_WRITE, 4, ~0ULL - 1, 0x200000), -EINVAL);
	assert_int_equal(check(HV_DISK_WRITE, 4, 0xFFFFFFFFULL, 0x200000), -EINVAL);
	/* The buffer: odd, null, wrapping, non-canonical, into the hypervisor's half. */
	assert_int_equal(check(HV_DISK_READ, 1, 0, 0x200001), -EINVAL);
	assert_int_equal(check(HV_DISK_READ, 1, 0, 0), -EFAULT);
	assert_int_equal(check(HV_DISK_READ, 8, 0, ~0ULL - 511), -EFAULT);
	assert_int_equal(check(HV_DISK_READ, 2, 0, 0x00007FFFFFFFFE00ULL), -EFAULT);
	assert_int_equal(check(HV_DISK_READ, 1, 0, HV_LINK_BASE), -EFAULT);
	assert_int_equal(check(HV_DISK_READ, 2, 0, HV_LINK_BASE - 512), -EFAULT);
}

static void
test_own(void **state)
{
	(void)state;
	assert_int_equal(hypercall_check_own(HV_DEV_UART, 1, 36), 0);
	assert_int_equal(hypercall_check_own(HV_DEV_UART | HV_DEV_IDE, 0, 0), 0);
	assert_int_equal(hypercall_check_own(HV_DEV_IDE, 1, 0), 0);
	assert_int_equal(hypercall_check_own(0, 1, 36), -EINVAL);
	assert_int_equal(hypercall_check_own(1u << 2, 1, 36), -EINVAL);
	assert_int_equal(hypercall_check_own(HV_DEV_UART | (1ULL << 40), 0, 0), -EINVAL);
	assert_int_equal(hypercall_check_own(HV_DEV_IDE, 2, 0), -EINVAL);
	/* The UART's vector must be an external interrupt's. */
	assert_int_equal(hypercall_check_own(HV_DEV_UART, 1, 31), -EINVAL);
	assert_int_equal(hypercall_check_own(HV_DEV_UART, 1, 256), -EINVAL);
	assert_int_equal(hypercall_check_own(HV_DEV_UART, 1, ~0ULL), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_console),
		cmocka_unit_test(test_disk_request_address),
		cmocka_unit_test(test_disk_good),
		cmocka_unit_test(test_disk_bad),
		cmocka_unit_test(test_own),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
