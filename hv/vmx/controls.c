/* Control adjustment (SDM Vol. 3C §25.6-25.8 "VM-Execution / VM-Exit / VM-Entry Control
 * Fields"; SDM Appendix A
 * "VMX Capability Reporting Facility"). */
#include "hv/vmx/controls.h"
#include "hv/trace.h"
#include "kernel/errno.h"

int
vmx_controls_adjust(uint32_t required, uint32_t optional, uint64_t cap, uint32_t *out)
{
	uint32_t must_be_1 = (uint32_t)cap;
	uint32_t may_be_1 = (uint32_t)(cap >> 32);
	if (required & ~may_be_1)
		return trace_err(-ENODEV);
	*out = (required | (optional & may_be_1) | must_be_1) & may_be_1;
	return 0;
}

uint64_t
vmx_fixed_bits(uint64_t value, uint64_t fixed0, uint64_t fixed1)
{
	return (value | fixed0) & fixed1;
}

uint64_t
vmx_fixed_mask(uint64_t fixed0, uint64_t fixed1)
{
	return fixed0 | ~fixed1;
}
