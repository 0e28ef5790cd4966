/* Leaving the machine: power-off paths for Bochs, QEMU and ACPI machines. */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

/* Exit statuses seen by the QEMU harness: isa-debug-exit turns v into (v << 1) | 1. */
#define POWER_OK 0x10	/* QEMU exits 33 */
#define POWER_FAIL 0x11 /* QEMU exits 35 */

/* Flushes the console and powers off; never returns. */
void power_off(int status) __attribute__((noreturn));

#endif
