/* SOURCES: hv/vmx/controls.c hv/vmx/names.c hv/trace/silent.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "hv/vmx/controls.h"
#include "hv/vmx/names.h"
#include "kernel/errno.h"

/* IA32_VMX_TRUE_PROCBASED_CTLS-like value: bits 1, 4-6, 8, 13-16, 26 must be 1
 * (allowed 0-settings), everything but bits 0 and 17 may be 1. */
#define MUST1 0x0401E172u
#define MAY1 0xFFFDFFFEu
#define CAP (((uint64_t)MAY1 << 32) | MUST1)

static void
test_required_and_default1(void **state)
{
	(void)state;
	uint32_t out = 0;
	assert_int_equal(vmx_controls_adjust(1u << 7, 0, CAP, &out), 0);
	assert_int_equal(out, MUST1 | (1u << 7));
}

static void
test_required_unsupported(void **state)
{
	(void)state;
	uint32_t out = 0xdead;
	assert_int_equal(vmx_controls_adjust(1u << 17, 0, CAP, &out), -ENODEV);
	assert_int_equal(out, 0xdead);
}

static void
test_optional_dropped_when_unsupported(void **state)
{
	(void)state;
	uint32_t out;
	assert_int_equal(vmx_controls_adjust(0, (1u << 17) | (1u << 31), CAP, &out), 0);
	assert_int_equal(out, MUST1 | (1u << 31));
}

/* A TRUE pin-based value with bits 1, 2, 4 fixed to 1 and bits 0-6 allowed. */
static void
test_pin_based_default1(void **state)
{
	(void)state;
	uint32_t out;
	assert_int_equal(vmx_controls_adjust(1u << 0, 0, 0x0000007f00000016ULL, &out), 0);
	assert_int_equal(out, 0x17);
	assert_int_equal(vmx_controls_adjust(1u << 7, 0, 0x0000007f00000016ULL, &out), -ENODEV);
}

/* CR0: FIXED0 0x80000021 (PG, NE, PE), FIXED1 0xFFFFFFFF (Bochs). */
static void
test_fixed_bits(void **state)
{
	(void)state;
	assert_int_equal(vmx_fixed_bits(0x80010011, 0x80000021, 0xFFFFFFFF), 0x80010031);
	/* CR4: FIXED0 0x2000 (VMXE), FIXED1 0x1727ff clears unsupported bits. */
	assert_int_equal(vmx_fixed_bits(0x00800020, 0x2000, 0x1727ff), 0x2020);
	uint64_t mask = vmx_fixed_mask(0x2000, 0x1727ff);
	assert_true(mask & 0x2000);
	assert_true(mask & 0x800000);
	assert_false(mask & 0x20);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(vmx_exit_reason_name(10), "CPUID");
	assert_string_equal(vmx_exit_reason_name(0x80000021), "VM-entry failure due to invalid guest state");
	assert_string_equal(vmx_exit_reason_name(35), "unknown");
	assert_string_equal(vmx_exit_reason_name(1000), "unknown");
	assert_string_equal(vmx_instruction_error_name(7), "VM entry with invalid control field(s)");
	assert_string_equal(vmx_instruction_error_name(14), "unknown VM-instruction error");
	assert_string_equal(vmx_instruction_error_name(0xFFFFFFFF), "unknown VM-instruction error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_required_and_default1),
		cmocka_unit_test(test_required_unsupported),
		cmocka_unit_test(test_optional_dropped_when_unsupported),
		cmocka_unit_test(test_pin_based_default1),
		cmocka_unit_test(test_fixed_bits),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
