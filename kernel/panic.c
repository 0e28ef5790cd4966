/* panic(): the one way a kernel image gives up. */
#include "panic.h"
#include "console.h"
#include "power.h"
#include "printf.h"
#include "x86.h"

void
panic(const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	cli();
	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("\nPANIC: %s\n", msg);
	power_off(POWER_FAIL);
}
