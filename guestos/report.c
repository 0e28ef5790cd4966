/* One phase line at a time: the figures are gathered in a fixed buffer. */
#include "guestos/report.h"
#include "kernel/console.h"
#include "kernel/printf.h"
#include "kernel/string.h"

#define REPORT_LINE_MAX 240

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
	if (ok)
		kprintf("phase %s: ok%s\n", phase_name, figures);
	else
		kprintf("phase %s: FAIL %s\n", phase_name, failure);
	open = false;
}

bool
report_is_open(void)
{
	return open;
}
