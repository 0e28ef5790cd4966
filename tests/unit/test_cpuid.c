/* SOURCES: hv/cpuid.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>
#include "hv/abi.h"
#include "hv/arch.h"
#include "hv/cpuid.h"

/* cpuid_exit's calls into the backend. */
static int skipped;
void
arch_skip_instruction(void)
{
	skipped++;
}
uint32_t
arch_hypercall_insn(void)
{
	return HV_HYPERCALL_VMMCALL;
}

/* Leaf 1: VMX hidden, hypervisor bit set, every other bit as the CPU said. */
static void
test_leaf1(void **state)
{
	(void)state;
	uint32_t r[4] = { 0x306C3, 0x01020304, 0x7FFAFBFF | CPUID_1_ECX_VMX, 0xBFEBFBFF };
	cpuid_answer(1, HV_HYPERCALL_VMCALL, r);
	assert_int_equal(r[0], 0x306C3);
	assert_int_equal(r[1], 0x01020304);
	assert_int_equal(r[2], (0x7FFAFBFF & ~CPUID_1_ECX_VMX) | CPUID_1_ECX_HYPERVISOR);
	assert_int_equal(r[3], 0xBFEBFBFF);
	uint32_t none[4] = { 0, 0, 0, 0 };
	cpuid_answer(1, HV_HYPERCALL_VMCALL, none);
	assert_int_equal(none[2], CPUID_1_ECX_HYPERVISOR);
}

/* The hypervisor leaves replace whatever the CPU answered. */
static void
test_hypervisor_leaves(void **state)
{
	(void)state;
	uint32_t r[4] = { 1, 2, 3, 4 };
	cpuid_answer(HV_CPUID_BASE, HV_HYPERCALL_VMCALL, r);
	assert_int_equal(r[0], HV_CPUID_FEATURES);
	assert_memory_equal(&r[1], "devi", 4);
	assert_memory_equal(&r[2], "rt-h", 4);
	assert_memory_equal(&r[3], "v   ", 4);
	uint32_t f[4] = { 1, 2, 3, 4 };
	cpuid_answer(HV_CPUID_FEATURES, HV_HYPERCALL_VMMCALL, f);
	assert_int_equal(f[0], HV_FEATURE_STATS | HV_FEATURE_DEVIRTUALIZE | HV_FEATURE_HYPERCALL_IO);
	assert_int_equal(f[1], HV_ABI_VERSION);
	assert_int_equal(f[2], HV_HYPERCALL_VMMCALL);
	assert_int_equal(f[3], 0);
	uint32_t top[4] = { 1, 2, 3, 4 };
	cpuid_answer(HV_CPUID_BASE + 0xFF, HV_HYPERCALL_VMCALL, top);
	assert_int_equal(top[0] | top[1] | top[2] | top[3], 0);
}

/* Other leaves, including those just outside the hypervisor range, pass through. */
static void
test_passthrough(void **state)
{
	(void)state;
	const uint32_t leaves[] = { 0, 7, 0x0B, HV_CPUID_BASE - 1, HV_CPUID_BASE + 0x100, 0x80000001 };
	for (unsigned i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++) {
		uint32_t r[4] = { 0xA, 0xB, 0xFFFFFFFF, 0xD };
		cpuid_answer(leaves[i], HV_HYPERCALL_VMCALL, r);
		assert_int_equal(r[0], 0xA);
		assert_int_equal(r[1], 0xB);
		assert_int_equal(r[2], 0xFFFFFFFF);
		assert_int_equal(r[3], 0xD);
	}
}

/* The whole exit on the host CPU: results zero-extended, instruction completed. */
static void
test_exit(void **state)
{
	(void)state;
	struct hv_regs r = { 0 };
	r.gpr[GPR_RAX] = 0xFFFFFFFF00000000ULL | HV_CPUID_FEATURES;
	r.gpr[GPR_RBX] = ~0ULL;
	r.gpr[GPR_RCX] = ~0ULL;
	r.gpr[GPR_RDX] = ~0ULL;
	skipped = 0;
	assert_true(cpuid_exit(&r));
	assert_int_equal(skipped, 1);
	assert_int_equal(r.gpr[GPR_RAX], HV_FEATURE_STATS | HV_FEATURE_DEVIRTUALIZE | HV_FEATURE_HYPERCALL_IO);
	assert_int_equal(r.gpr[GPR_RBX], HV_ABI_VERSION);
	assert_int_equal(r.gpr[GPR_RCX], HV_HYPERCALL_VMMCALL);
	assert_int_equal(r.gpr[GPR_RDX], 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leaf1),
		cmocka_unit_test(test_hypervisor_leaves),
		cmocka_unit_test(test_passthrough),
		cmocka_unit_test(test_exit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
