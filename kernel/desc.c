/* Descriptor encodings shared by the guest OS (guestos/cpu/gdt.c, idt.c) and the hypervisor (hv/cpu.c). */
#include "desc.h"

#define DESC_TSS_AVAILABLE (0x89ULL << 40) /* present, type 9: available 64-bit TSS */
#define DESC_LDT (0x82ULL << 40)	   /* present, type 2: LDT */

/* A system descriptor is 16 bytes in IA-32e mode (SDM Vol. 3A §8.2.3
 * "TSS Descriptor in 64-bit mode", §3.5.2 "Segment Descriptor Tables in
 * IA-32e Mode"); the limits used here fit in 16 bits. */
static void
desc_set_system(uint64_t slot[2], uint64_t base, uint64_t limit, uint64_t type)
{
	slot[0] = limit | ((base & 0xFFFFFFULL) << 16) | type | (((base >> 24) & 0xFFULL) << 56);
	slot[1] = base >> 32;
}

void
desc_set_tss(uint64_t slot[2], const struct tss64 *tss)
{
	desc_set_system(slot, (uint64_t)tss, sizeof(*tss) - 1, DESC_TSS_AVAILABLE);
}

void
desc_set_ldt(uint64_t slot[2], const void *ldt, uint16_t size)
{
	desc_set_system(slot, (uint64_t)ldt, size - 1u, DESC_LDT);
}

struct idt_gate
desc_gate(uint64_t handler, uint16_t selector, uint8_t ist, uint8_t type_attr)
{
	return (struct idt_gate){
		.offset_low = (uint16_t)handler,
		.selector = selector,
		.ist = ist,
		.type_attr = type_attr,
		.offset_mid = (uint16_t)(handler >> 16),
		.offset_high = (uint32_t)(handler >> 32),
	};
}
