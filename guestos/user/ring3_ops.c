/* One privileged operation tried from ring 3, for the differential table
 * (guestos/shell/diff_cmd.c): each faults natively (#GP, #UD, #BP) or
 * returns, and must do exactly the same with the hypervisor under the OS. */
#include "guestos/user/programs.h"
#include "kernel/x86.h"

#define PORT_KEYBOARD 0x60

long
user_ring3_op(long op)
{
	uint32_t a, b, c, d;
	struct desc_ptr p = { 0, 0 };
	switch (op) {
	case RING3_HLT: hlt(); break;
	case RING3_CLI: cli(); break;
	case RING3_STI: sti(); break;
	case RING3_READ_CR0: return (long)read_cr0();
	case RING3_WRITE_CR3: write_cr3(0); break;
	case RING3_READ_CR8: return (long)read_cr8();
	case RING3_READ_DR7: return (long)read_dr7();
	case RING3_RDMSR: return (long)rdmsr(MSR_EFER);
	case RING3_WRMSR: wrmsr(MSR_STAR, 0); break;
	case RING3_IN: return inb(PORT_KEYBOARD);
	case RING3_OUT: outb(PORT_KEYBOARD, 0); break;
	case RING3_INVLPG: invlpg(0); break;
	case RING3_LGDT: lgdt(&p); break;
	case RING3_LTR: ltr(0); break;
	case RING3_VMCALL: return vmcall(0, 0, 0, 0);
	case RING3_VMXON: vmxon_probe(0); break;
	case RING3_CPUID: cpuid(0, 0, &a, &b, &c, &d); return b == 0 ? -1 : 0;
	case RING3_RDTSC: return rdtsc() ? 0 : -1;
	case RING3_INT3: __asm__ volatile("int3"); break;
	case RING3_UD2: __asm__ volatile("ud2"); break;
	default: return -1;
	}
	return 0;
}
