/* Power-off: tries each emulator's exit port, then ACPI, then halts forever. */
#include "power.h"
#include "console.h"
#include "x86.h"


void
power_off(int status)
{
	/* Bochs drops bytes still in the UART when it shuts down (see docs/emulators.md). */
	console_flush();
	cli();
	outl(POWER_QEMU_EXIT_PORT, (uint32_t)status);
	for (const char *s = "Shutdown"; *s; s++)
		outb(POWER_BOCHS_PORT, (uint8_t)*s);
	outw(POWER_ACPI_PM1A_CNT, POWER_ACPI_SLP_EN_S5);
	for (;;)
		hlt();
}
