/* 8259A programming: ICW1-ICW4 to remap, OCW1 to mask, OCW2 for EOI and
 * OCW3 to read the in-service register (Intel 8259A data sheet). */
#include "guestos/dev/pic.h"
#include "guestos/cpu/trap.h"
#include "kernel/x86.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1

#define ICW1_INIT_ICW4 0x11 /* edge triggered, cascade, ICW4 follows */
#define ICW4_8086 0x01
#define OCW2_EOI 0x20
#define OCW3_READ_IRR 0x0A
#define OCW3_READ_ISR 0x0B
#define PIC_CASCADE_IRQ 2

static uint16_t pic_masks = 0xFFFF;

static void
pic_write_masks(void)
{
	outb(PIC1_DATA, (uint8_t)pic_masks);
	outb(PIC2_DATA, (uint8_t)(pic_masks >> 8));
}

void
pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, TRAP_IRQ_BASE);
	outb(PIC2_DATA, TRAP_IRQ_BASE + 8);
	outb(PIC1_DATA, 1 << PIC_CASCADE_IRQ); /* slave on IR2 */
	outb(PIC2_DATA, PIC_CASCADE_IRQ);      /* slave identity */
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	pic_masks = (uint16_t)~(1u << PIC_CASCADE_IRQ);
	pic_write_masks();
}

void
pic_mask(unsigned irq)
{
	pic_masks |= (uint16_t)(1u << irq);
	pic_write_masks();
}

void
pic_unmask(unsigned irq)
{
	pic_masks &= (uint16_t)~(1u << irq);
	pic_write_masks();
}

void
pic_eoi(unsigned irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, OCW2_EOI);
	outb(PIC1_CMD, OCW2_EOI);
}

bool
pic_is_spurious(unsigned irq)
{
	if (irq != 7 && irq != 15)
		return false;
	uint16_t cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;
	outb(cmd, OCW3_READ_ISR);
	if (inb(cmd) & 0x80)
		return false;
	/* The slave's request was spurious, but the master did see IR2. */
	if (irq == 15)
		outb(PIC1_CMD, OCW2_EOI);
	return true;
}

bool
pic_is_raised(unsigned irq)
{
	uint16_t cmd = irq < 8 ? PIC1_CMD : PIC2_CMD;
	uint8_t bit = (uint8_t)(1u << (irq % 8));
	outb(cmd, OCW3_READ_IRR);
	uint8_t irr = inb(cmd);
	outb(cmd, OCW3_READ_ISR);
	return ((irr | inb(cmd)) & bit) != 0;
}
