/* Word splitting for the shell. No quoting: every argument the commands take
 * (names, numbers, a disk pattern) is a single word. */
#include "guestos/shell/shell_parse.h"
#include "kernel/errno.h"
#include <stdbool.h>
#include <stddef.h>

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int
shell_parse_args(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;
	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			break;
		if (argc == max)
			return -E2BIG;
		argv[argc++] = p;
		while (*p && !is_blank(*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}
