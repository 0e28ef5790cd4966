/* One phase line at a time: the figures are gathered in a fixed buffer. */
#include "guestos/shell/report.h"
#include "kernel/console.h"
#include "kernel/printf.h"
#include "kernel/string.h"

#define REPORT_LINE_MAX 480

static char phase_name[24];
static char figures[REPORT_LINE_MAX];
static bool open;

void
report_begin(const char *phase)
{
	strlcpy(phase_name, phase, sizeof(phase_name));
	figures[0] = '\0';
	open = true;
}

void
report_kv(const char *key, const char *fmt, ...)
{
	if (!open)
		return;
	size_t used = strlen(figures);
	char value[64];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	ksnprintf(figures + used, sizeof(figures) - used, " %s=%s", key, value);
}

void
report_end(bool ok, const char *failure)
{
	if (!open)
		return;
	/* In pieces: the figures can be longer than one kprintf line. */
	if (ok) {
		kprintf("phase %s: ok", phase_name);
		console_write(figures, strlen(figures));
		console_write("\n", 1);
	} else {
		kprintf("phase %s: FAIL %s\n", phase_name, failure);
	}
	open = false;
}
