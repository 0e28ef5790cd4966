/* One-instruction wrappers for x86-64 instructions C cannot express.
 * This is the only header with inline assembly (see docs/style: "Assembly").
 * The numbers the wrappers take (MSRs, control-register bits) live in
 * kernel/msr.h and kernel/cr.h, which assembly includes too. */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

#include <stdint.h>
#include "kernel/cr.h"
#include "kernel/msr.h"

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint16_t inw(uint16_t port) { uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint32_t inl(uint16_t port) { uint32_t v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void insw(uint16_t port, void *buf, uint32_t count)
{
	__asm__ volatile("rep insw" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}
static inline void outsw(uint16_t port, const void *buf, uint32_t count)
{
	__asm__ volatile("rep outsw" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t subleaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(subleaf));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t read_cr0(void) { uint64_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr2(void) { uint64_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr3(void) { uint64_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint64_t read_cr4(void) { uint64_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static inline void write_cr2(uint64_t v) { __asm__ volatile("mov %0, %%cr2" : : "r"(v) : "memory"); }
static inline void write_cr3(uint64_t v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void write_cr4(uint64_t v) { __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }

static inline uint64_t read_rflags(void) { uint64_t v; __asm__ volatile("pushfq; popq %0" : "=r"(v)); return v; }
static inline void cli(void) { __asm__ volatile("cli" : : : "memory"); }
static inline void sti(void) { __asm__ volatile("sti" : : : "memory"); }
static inline void hlt(void) { __asm__ volatile("hlt" : : : "memory"); }
static inline void pause(void) { __asm__ volatile("pause"); }
static inline void invlpg(uint64_t va) { __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory"); }

/* Pseudo-descriptor operand of LGDT/LIDT/SGDT/SIDT (SDM Vol. 3A §3.5.1
 * "Segment Descriptor Tables"). */
struct __attribute__((packed)) desc_ptr {
	uint16_t limit;
	uint64_t base;
};

static inline void lgdt(const struct desc_ptr *p) { __asm__ volatile("lgdt %0" : : "m"(*p)); }
static inline void lidt(const struct desc_ptr *p) { __asm__ volatile("lidt %0" : : "m"(*p)); }
static inline void sgdt(struct desc_ptr *p) { __asm__ volatile("sgdt %0" : "=m"(*p)); }
static inline void sidt(struct desc_ptr *p) { __asm__ volatile("sidt %0" : "=m"(*p)); }
static inline void ltr(uint16_t sel) { __asm__ volatile("ltr %0" : : "r"(sel)); }
static inline uint16_t str(void) { uint16_t v; __asm__ volatile("str %0" : "=r"(v)); return v; }
static inline void lldt(uint16_t sel) { __asm__ volatile("lldt %0" : : "r"(sel)); }
static inline uint16_t sldt(void) { uint16_t v; __asm__ volatile("sldt %0" : "=r"(v)); return v; }

/* CR8 (the task-priority register) and the debug registers DR0-DR3, DR6, DR7. */
static inline uint64_t read_cr8(void) { uint64_t v; __asm__ volatile("mov %%cr8, %0" : "=r"(v)); return v; }
static inline void write_cr8(uint64_t v) { __asm__ volatile("mov %0, %%cr8" : : "r"(v) : "memory"); }
#define X86_DR(n) \
	static inline uint64_t read_dr##n(void) { uint64_t v; __asm__ volatile("mov %%dr" #n ", %0" : "=r"(v)); return v; } \
	static inline void write_dr##n(uint64_t v) { __asm__ volatile("mov %0, %%dr" #n : : "r"(v) : "memory"); }
X86_DR(0)
X86_DR(1)
X86_DR(2)
X86_DR(3)
X86_DR(6)
X86_DR(7)

/* A magic breakpoint in Bochs (magic_break: enabled=1); a no-op elsewhere. */
static inline void bochs_magic_break(void) { __asm__ volatile("xchg %%bx, %%bx" : : : "memory"); }

/* VMX instructions for the OS's probes (`hv probe`, `diff`, `attack`): each must
 * fault as on a CPU without VMX, natively and interposed; what they would
 * return does not matter. The hypervisor's checked wrappers are hv/vmx/vmx_insn.h. */
static inline void vmxon_probe(uint64_t pa) { __asm__ volatile("vmxon %0" : : "m"(pa) : "memory", "cc"); }
static inline void vmxoff_probe(void) { __asm__ volatile("vmxoff" : : : "memory", "cc"); }
static inline void vmptrld_probe(uint64_t pa) { __asm__ volatile("vmptrld %0" : : "m"(pa) : "memory", "cc"); }
static inline void vmread_probe(uint64_t field) { uint64_t v; __asm__ volatile("vmread %1, %0" : "=rm"(v) : "r"(field) : "memory", "cc"); }

/* A hypercall: number in RAX, arguments in RDI, RSI, RDX, result in RAX
 * (hv/abi.h). VMCALL is Intel's instruction, VMMCALL AMD's; the OS calls
 * guestos/hvload/hypercall.c, which picks the one the hypervisor named. */
static inline int64_t vmcall(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
	int64_t ret;
	__asm__ volatile("vmcall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2), "d"(a3) : "memory");
	return ret;
}
static inline int64_t vmmcall(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
	int64_t ret;
	__asm__ volatile("vmmcall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2), "d"(a3) : "memory");
	return ret;
}

#endif
