/* GDT and 64-bit TSS (SDM Vol. 3A §3.4.5 "Segment Descriptors",
 * §8.7 "Task Management in 64-bit Mode"). */
#include "guestos/cpu/gdt.h"
#include "kernel/desc.h"
#include "kernel/x86.h"

static uint64_t gdt[9] __attribute__((aligned(16)));
/* An empty LDT, for `lldt` and the differential table: a loaded LDTR is
 * state a devirtualization must give back. */
static uint64_t ldt[2] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));

void
gdt_init(void)
{
	gdt[0] = 0;
	gdt[1] = DESC_KERNEL_CODE64;
	gdt[2] = DESC_KERNEL_DATA;
	gdt[3] = DESC_USER_DATA;
	gdt[4] = DESC_USER_CODE64;
	/* No I/O bitmap: a base past the limit denies every port to ring 3. */
	tss.iomap_base = sizeof(tss);
	desc_set_tss(&gdt[5], &tss);
	desc_set_ldt(&gdt[7], ldt, sizeof(ldt));

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
