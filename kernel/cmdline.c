/* Command line lookups: words separated by spaces, each "key" or "key=value". */
#include "cmdline.h"
#include "errno.h"
#include "string.h"

int
cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);
	const char *p = cmdline;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *word = p;
		while (*p && *p != ' ')
			p++;
		size_t wlen = (size_t)(p - word);
		if (wlen < klen || strncmp(word, key, klen) != 0)
			continue;
		if (wlen == klen || word[klen] == '=') {
			const char *val = wlen == klen ? word + klen : word + klen + 1;
			size_t vlen = (size_t)(p - val);
			if (size) {
				size_t n = vlen < size - 1 ? vlen : size - 1;
				memcpy(buf, val, n);
				buf[n] = '\0';
			}
			return 0;
		}
	}
	return -ENOENT;
}
