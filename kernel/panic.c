/* panic(): the one way a kernel image gives up. */
#include "panic.h"
#include "console.h"
#include "power.h"
#include "printf.h"
#include "x86.h"

void
panic_va(const char *tag, void (*dump)(void), const char *fmt, va_list ap)
{
	static int nested;
	char msg[200];
	cli();
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	kprintf("\n%s: %s\n", tag, msg);
	/* A panic inside the dump must not dump again. */
	if (dump && !nested++)
		dump();
	power_off(POWER_FAIL);
}

void
panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	panic_va("PANIC", NULL, fmt, ap);
}
