/* The console in hypercall mode: the hypervisor owns COM1 and the OS asks
 * for whole buffers to be sent (HC_CONSOLE_WRITE) and for received bytes
 * (HC_CONSOLE_READ) when the hypervisor forwards IRQ 4. Received bytes go
 * into the direct driver's ring (guestos/dev/uart.h), so a line typed
 * across mode switches arrives whole and in order. */
#ifndef GUESTOS_HVCONS_H
#define GUESTOS_HVCONS_H

/* Hands COM1 to the hypervisor and makes this driver the console.
 * Needs the hypervisor on with HV_FEATURE_HYPERCALL_IO.
 * RETURNS: 0 or the hypervisor's negative errno (still in direct mode). */
int hvcons_enable(void);

/* Takes COM1 back: fetches every byte the hypervisor still holds, then the
 * direct driver is the console and IRQ 4's handler again.
 * RETURNS: 0 or the hypervisor's negative errno (still in hypercall mode). */
int hvcons_disable(void);

/* RETURNS: IRQ 4s the hypercall console handled (forwarded by the hypervisor). */
unsigned long hvcons_irqs(void);

#endif
