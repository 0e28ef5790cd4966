/* Memory and string helpers for freestanding code (gcc may also emit calls to the mem* ones). */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* Copies at most size-1 bytes and always terminates. RETURNS: strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

/* Parses an unsigned number: decimal, or hex with a 0x prefix.
 * RETURNS: 0 and *out on success, -EINVAL on empty input, junk or overflow. */
int parse_u64(const char *s, unsigned long long *out);

#endif
