/* GDT and 64-bit TSS (SDM Vol. 3A §3.4.5 "Segment Descriptors",
 * §8.7 "Task Management in 64-bit Mode"). */
#include "guestos/gdt.h"
#include "kernel/x86.h"

/* 64-bit TSS (SDM Vol. 3A §8.7, Figure 8-11 "64-Bit TSS Format"). */
struct __attribute__((packed)) tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
};

/* Accessed bits preset in code and data descriptors: a VM entry checks them
 * (SDM Vol. 3C §27.3.1.2 "Checks on Guest Segment Registers"). */
#define DESC_KERNEL_CODE 0x00AF9B000000FFFFULL /* L=1, P, DPL 0, execute/read, accessed */
#define DESC_KERNEL_DATA 0x00CF93000000FFFFULL /* P, DPL 0, read/write, accessed */
#define DESC_USER_DATA 0x00CFF3000000FFFFULL   /* P, DPL 3, read/write, accessed */
#define DESC_USER_CODE 0x00AFFB000000FFFFULL   /* L=1, P, DPL 3, execute/read, accessed */
#define DESC_TSS_TYPE 0x9ULL		       /* available 64-bit TSS */
#define DESC_PRESENT (1ULL << 47)

static uint64_t gdt[7] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));

/* In gdt_load.S: far return to reload CS, then the data segments. */
void gdt_load_segments(uint16_t code, uint16_t data);

/* A system descriptor is 16 bytes in IA-32e mode (SDM Vol. 3A §7.2.3
 * "TSS Descriptor in 64-bit mode"). */
static void
gdt_set_tss(uint64_t base, uint32_t limit)
{
	gdt[5] = (limit & 0xFFFFULL) | ((base & 0xFFFFFFULL) << 16) | (DESC_TSS_TYPE << 40) | DESC_PRESENT |
		 ((uint64_t)((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFFULL) << 56);
	gdt[6] = base >> 32;
}

void
gdt_init(void)
{
	gdt[0] = 0;
	gdt[1] = DESC_KERNEL_CODE;
	gdt[2] = DESC_KERNEL_DATA;
	gdt[3] = DESC_USER_DATA;
	gdt[4] = DESC_USER_CODE;
	/* No I/O bitmap: a base past the limit denies every port to ring 3. */
	tss.iomap_base = sizeof(tss);
	gdt_set_tss((uint64_t)&tss, sizeof(tss) - 1);

	struct desc_ptr p = { sizeof(gdt) - 1, (uint64_t)gdt };
	lgdt(&p);
	gdt_load_segments(GDT_KERNEL_CODE, GDT_KERNEL_DATA);
	ltr(GDT_TSS);
}

void
gdt_set_kernel_stack(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
