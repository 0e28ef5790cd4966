/* External interrupts on their way to the guest: the core holds the
 * pending vectors and decides which goes next; the backend injects it. */
#ifndef HV_INTR_H
#define HV_INTR_H

#include <stdbool.h>
#include <stdint.h>

/* Forgets every pending vector (a new interpose). */
void intr_reset(void);

/* A device the hypervisor drives itself (hv/hcdev.c) sees each vector
 * first: take returns true when the interrupt was its own and is over, false
 * to queue it for the guest. NULL: every vector goes to the guest. */
void intr_set_taker(bool (*take)(uint8_t vector));

/* The backend took vector from the interrupt controller: counted and held. */
void intr_queue(uint8_t vector);

/* A vector the hypervisor raises for the guest (an emulated device's IRQ):
 * counted and held like one taken from the interrupt controller. */
void intr_raise(uint8_t vector);

/* RETURNS: true while some vector waits for the guest. */
bool intr_pending(void);

/* can_inject: the guest can take an interrupt on this entry (the backend's
 * arch_guest_interruptible, and no other event already on its way in).
 * RETURNS: the lowest pending vector, now no longer pending, for the backend
 * to inject; -1 when none is pending or can_inject is false. */
int intr_take(bool can_inject);

#endif
