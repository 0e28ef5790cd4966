/* SOURCES: kernel/cmdline.c */
/* Arbitrary command lines and keys: no overflow of the value buffer, no read past the string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/cmdline.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t klen = data[0] % 8;
	if (klen + 1 > size)
		return 0;
	char *key = strndup((const char *)data + 1, klen);
	char *line = strndup((const char *)data + 1 + klen, size - 1 - klen);
	char val[8];
	if (cmdline_get(line, key, val, sizeof(val)) == 0 && strlen(val) >= sizeof(val))
		abort();
	free(key);
	free(line);
	return 0;
}
