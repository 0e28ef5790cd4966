/* VMX capability checks that are pure arithmetic on MSR values: unit-tested
 * on the host. */
#ifndef HV_VMX_CONTROLS_H
#define HV_VMX_CONTROLS_H

#include <stdint.h>

/* A control word from what we need and what we would like, against a
 * capability MSR: bits 31:0 are the allowed 0-settings (1 = must be 1),
 * bits 63:32 the allowed 1-settings (0 = must be 0) (SDM Vol. 3D
 * Appendix A "VMX Capability Reporting Facility", A.3-A.5).
 * RETURNS: 0 and *out = required | allowed optional bits | must-be-1 bits;
 * -ENODEV when a required bit cannot be 1. */
int vmx_controls_adjust(uint32_t required, uint32_t optional, uint64_t cap, uint32_t *out);

/* A control register value made legal for VMX operation: FIXED0 bits set,
 * bits clear in FIXED1 cleared (SDM Appendix A.7 "VMX-Fixed Bits in CR0", A.8 "VMX-Fixed Bits in CR4"). */
uint64_t vmx_fixed_bits(uint64_t value, uint64_t fixed0, uint64_t fixed1);

/* RETURNS: the bits a guest may not choose itself: those fixed to 1 and
 * those fixed to 0. They go in the guest/host mask so writes to them exit. */
uint64_t vmx_fixed_mask(uint64_t fixed0, uint64_t fixed1);

#endif
