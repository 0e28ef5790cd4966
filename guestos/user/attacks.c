/* Ring-3 attacks: plain loads, stores and privileged instructions, so the
 * fault the task dies of is the CPU's (or the hypervisor's) verdict. */
#include "guestos/user/attacks.h"
#include <stdint.h>

long
user_attack_read(long va)
{
	return *(volatile long *)(uintptr_t)va;
}

long
user_attack_write(long va)
{
	*(volatile long *)(uintptr_t)va = 0x5553455241545441L;	/* "ATTARESU" */
	return 0;
}

/* VMXON outside VMX operation with CR4.VMXE clear is #UD at any CPL (SDM Vol.
 * 3C §31.3 "VMXON"); under the hypervisor it exits and gets #UD as well. */
long
user_attack_vmxon(long unused)
{
	uint64_t region = (uint64_t)unused;
	__asm__ volatile("vmxon %0" : : "m"(region) : "memory");
	return 0;
}

/* MOV to CR3 at CPL 3 is #GP(0) (SDM Vol. 2B "MOV—Move to/from Control Registers"). */
long
user_attack_cr3(long pa)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(pa) : "memory");
	return 0;
}
