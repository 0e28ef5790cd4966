/* Kernel command line "key=value key2=value2": lookups by key. */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stddef.h>

/* Copies the value of `key` into buf (truncated to size-1).
 * RETURNS: 0 when the key is present, -ENOENT otherwise. A bare "key" has value "". */
int cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);

#endif
