/* The 8254 programmable interval timer, channel 0: the system tick (IRQ 0). */
#ifndef GUESTOS_PIT_H
#define GUESTOS_PIT_H

#include <stdint.h>

#define PIT_HZ 100

/* Programs 100 Hz and registers the tick handler on IRQ 0. */
void pit_init(void);

/* RETURNS: timer ticks since pit_init(). */
uint64_t pit_ticks(void);

#endif
