/* Power-off: tries each emulator's exit port, then ACPI, then halts forever. */
#include "power.h"
#include "console.h"
#include "x86.h"

#define QEMU_DEBUG_EXIT_PORT 0xF4
#define BOCHS_SHUTDOWN_PORT 0x8900
#define QEMU_ACPI_PM1A_CNT 0x604
#define ACPI_SLP_EN_S5 0x2000

void
power_off(int status)
{
	/* Bochs drops bytes still in the UART when it shuts down (see docs/emulators.md). */
	console_flush();
	cli();
	outl(QEMU_DEBUG_EXIT_PORT, (uint32_t)status);
	for (const char *s = "Shutdown"; *s; s++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*s);
	outw(QEMU_ACPI_PM1A_CNT, ACPI_SLP_EN_S5);
	for (;;)
		hlt();
}
