/* printf-style formatting into a buffer: pure, so it is unit-tested on the host.
 * Conversions: %d %i %u %x %X %p %s %c %%, length modifiers l ll z,
 * flags '-' and '0', and a decimal field width. */
#ifndef KERNEL_PRINTF_H
#define KERNEL_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* RETURNS: the length the full output would have (like C99 vsnprintf);
 * the buffer always holds a terminated prefix when size > 0. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
