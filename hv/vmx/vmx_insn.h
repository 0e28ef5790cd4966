/* One-instruction wrappers for the VMX instructions (SDM Vol. 3C Chapter 31
 * "VMX Instruction Reference"). Only the VMX backend includes this: the
 * guest OS and the core never execute them. */
#ifndef HV_VMX_VMX_INSN_H
#define HV_VMX_VMX_INSN_H

#include <stdint.h>

/* VMX instructions (SDM Vol. 3C §31.2 "Conventions"): CF set is VMfailInvalid,
 * ZF set is VMfailValid (the VM-instruction error field says why). Each
 * wrapper returns VMX_OK, VMX_FAIL_INVALID or VMX_FAIL_VALID. */
#define VMX_OK 0
#define VMX_FAIL_INVALID 1
#define VMX_FAIL_VALID 2
#define VMX_RESULT(cf, zf) ((cf) ? VMX_FAIL_INVALID : (zf) ? VMX_FAIL_VALID : VMX_OK)

static inline int vmxon(uint64_t pa)
{
	uint8_t cf, zf;
	__asm__ volatile("vmxon %2" : "=@ccc"(cf), "=@ccz"(zf) : "m"(pa) : "memory");
	return VMX_RESULT(cf, zf);
}
static inline int vmxoff(void)
{
	uint8_t cf, zf;
	__asm__ volatile("vmxoff" : "=@ccc"(cf), "=@ccz"(zf) : : "memory");
	return VMX_RESULT(cf, zf);
}
static inline int vmclear(uint64_t pa)
{
	uint8_t cf, zf;
	__asm__ volatile("vmclear %2" : "=@ccc"(cf), "=@ccz"(zf) : "m"(pa) : "memory");
	return VMX_RESULT(cf, zf);
}
static inline int vmptrld(uint64_t pa)
{
	uint8_t cf, zf;
	__asm__ volatile("vmptrld %2" : "=@ccc"(cf), "=@ccz"(zf) : "m"(pa) : "memory");
	return VMX_RESULT(cf, zf);
}
static inline int vmread(uint64_t field, uint64_t *value)
{
	uint8_t cf, zf;
	__asm__ volatile("vmread %3, %2" : "=@ccc"(cf), "=@ccz"(zf), "=rm"(*value) : "r"(field) : "memory");
	return VMX_RESULT(cf, zf);
}
static inline int vmwrite(uint64_t field, uint64_t value)
{
	uint8_t cf, zf;
	__asm__ volatile("vmwrite %3, %2" : "=@ccc"(cf), "=@ccz"(zf) : "r"(field), "rm"(value) : "memory");
	return VMX_RESULT(cf, zf);
}

#endif
