/* The scenario report: `phase NAME: ok key=value ...` lines that `make run` shows.
 * A scenario opens a phase, runs its commands, and closes it; while a phase is
 * open, commands add figures to it with report_kv(). Outside a scenario nothing
 * is recorded, so interactive use prints no phase lines. */
#ifndef GUESTOS_REPORT_H
#define GUESTOS_REPORT_H

#include <stdbool.h>

void report_begin(const char *phase);
/* Appends " key=value" to the open phase's line (cut, never overflowing, when long). */
void report_kv(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the phase line: ok with its figures, or FAIL with the first failure. */
void report_end(bool ok, const char *failure);

#endif
