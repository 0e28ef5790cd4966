/* PIT channel 0 in mode 2 (rate generator) at PIT_HZ (Intel 8254 data sheet). */
#include "guestos/dev/pit.h"
#include "guestos/cpu/irq.h"
#include "guestos/task/sched.h"
#include "kernel/x86.h"

#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define PIT_INPUT_HZ 1193182
#define PIT_CH0_LOHI_MODE2 0x34 /* channel 0, lobyte/hibyte, mode 2, binary */

static volatile uint64_t ticks;

static void
pit_tick(void)
{
	ticks++;
	sched_tick(ticks);
}

void
pit_init(void)
{
	uint16_t divisor = (PIT_INPUT_HZ + PIT_HZ / 2) / PIT_HZ;
	outb(PIT_CMD, PIT_CH0_LOHI_MODE2);
	outb(PIT_CH0, (uint8_t)divisor);
	outb(PIT_CH0, (uint8_t)(divisor >> 8));
	irq_register(IRQ_TIMER, pit_tick);
}

uint64_t
pit_ticks(void)
{
	return ticks;
}
