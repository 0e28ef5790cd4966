/* x86-64 descriptor-table structures both images build: the 64-bit TSS, its
 * 16-byte GDT descriptor, and 64-bit IDT gates (SDM Vol. 3A §3.4.5 "Segment
 * Descriptors", §8.7 "Task Management in 64-bit Mode", §6.14.1 "64-Bit Mode IDT"). */
#ifndef KERNEL_DESC_H
#define KERNEL_DESC_H

#include <stdint.h>

/* Code and data descriptors with the accessed bit preset: a VM entry checks it
 * (SDM Vol. 3C §27.3.1.2 "Checks on Guest Segment Registers"). */
#define DESC_KERNEL_CODE64 0x00AF9B000000FFFFULL /* L=1, P, DPL 0, execute/read, accessed */
#define DESC_KERNEL_DATA 0x00CF93000000FFFFULL	 /* P, DPL 0, read/write, accessed */
#define DESC_USER_DATA 0x00CFF3000000FFFFULL	 /* P, DPL 3, read/write, accessed */
#define DESC_USER_CODE64 0x00AFFB000000FFFFULL	 /* L=1, P, DPL 3, execute/read, accessed */

#define GATE_INTERRUPT 0x8E /* present, DPL 0, 64-bit interrupt gate */
#define GATE_DPL3 0x60

/* The 64-bit TSS (SDM Vol. 3A §8.7, Figure 8-11 "64-Bit TSS Format"). */
struct __attribute__((packed)) tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
};

struct __attribute__((packed)) idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
};

/* Writes the 16-byte descriptor of an available 64-bit TSS into slot[0..1]. */
void desc_set_tss(uint64_t slot[2], const struct tss64 *tss);

/* Writes the 16-byte descriptor of an LDT of size bytes into slot[0..1]. */
void desc_set_ldt(uint64_t slot[2], const void *ldt, uint16_t size);

/* RETURNS: a gate to handler through code selector `selector`, on IST stack `ist` (0: none). */
struct idt_gate desc_gate(uint64_t handler, uint16_t selector, uint8_t ist, uint8_t type_attr);

#endif
