/* Trap and emulate: which of COM1 and the primary ATA disk the hypervisor
 * owns, the routing of the OS's port accesses to the models (hv/uart_emul.c,
 * hv/ide_emul.c), and the models' IRQ lines turned into the OS's vectors.
 * Arch-neutral: the backend decodes port I/O (hv/io.c) and calls the core.
 * Design, seeding and quiescing: docs/devices.md. */
#ifndef HV_EMULATE_H
#define HV_EMULATE_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/abi.h"

/* A new interpose: the OS owns both devices. */
void emulate_reset(void);

/* HC_EMULATE: from now on the hypervisor owns the HV_DEV_* in devices and
 * gives the others back (seeded from and written back to the hardware).
 * master and slave are the OS's vector bases for IRQ 0 and IRQ 8.
 * RETURNS: 0; -EINVAL for an unknown device or bad vector base; -ENODEV when
 * no disk answers; -EBUSY when the disk is in a data phase and cannot be
 * given back yet (nothing changed then). */
int emulate_set(uint32_t devices, uint8_t master, uint8_t slave);

/* Gives every device back to the OS, as emulate_set(0, ...) does (before a
 * devirtualize). RETURNS: 0; -EBUSY while the disk is in a data phase. */
int emulate_stop(void);

/* RETURNS: the HV_DEV_* the hypervisor owns or waits to own. */
uint32_t emulate_devices(void);

/* The OS's port read of size 1, 2 or 4 bytes: from the models for the ports
 * the hypervisor owns, from the hardware for the others.
 * RETURNS: the value, zero-extended. */
uint32_t emulate_in(uint16_t port, unsigned size);

/* The OS's port write, routed as emulate_in. */
void emulate_out(uint16_t port, unsigned size, uint32_t value);

/* String I/O: n elements of size bytes each at buf (n * size <= 1024), the
 * same as n calls of emulate_in/emulate_out; a data-port block is one call to
 * the disk model (one exit per `rep insw` sector). */
void emulate_in_string(uint16_t port, unsigned size, void *buf, unsigned n);
void emulate_out_string(uint16_t port, unsigned size, const void *buf, unsigned n);

/* An external interrupt the backend took. RETURNS: true when it came from a
 * device the hypervisor owns: its driver took it, and the OS sees what the
 * model says; false when it belongs to the OS (intr_queue holds it). */
bool emulate_take_interrupt(uint8_t vector);

/* At the end of every exit: receive bytes, send bytes, finish taking the
 * disk, and raise the OS's vector on each rising edge of a model's IRQ line. */
void emulate_poll(void);

/* RETURNS: per device (HV_DEV_STATS_*), who owns it and what it cost. */
const struct hv_dev_stats *emulate_stats(void);

#endif
