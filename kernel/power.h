/* Leaving the machine: power-off paths for Bochs, QEMU and ACPI machines. */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

/* Exit statuses seen by the QEMU harness: isa-debug-exit turns v into (v << 1) | 1. */
#define POWER_OK 0x10	/* QEMU exits 33 */
#define POWER_FAIL 0x11 /* QEMU exits 35 */

/* The ports power_off writes, in order: QEMU's isa-debug-exit (a 32-bit OUT),
 * Bochs' shutdown port ("Shutdown" byte by byte), ACPI PM1a control (S5).
 * The hypervisor watches the same ports (hv/io.c). */
#define POWER_QEMU_EXIT_PORT 0xF4
#define POWER_BOCHS_PORT 0x8900
#define POWER_ACPI_PM1A_CNT 0x604
#define POWER_ACPI_SLP_EN_S5 0x2000

/* Flushes the console and powers off; never returns. */
void power_off(int status) __attribute__((noreturn));

#endif
