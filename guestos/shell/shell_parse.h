/* Splitting a shell command line into words: pure, so it is unit-tested on the host. */
#ifndef GUESTOS_SHELL_PARSE_H
#define GUESTOS_SHELL_PARSE_H

/* Splits line in place at runs of spaces and tabs; argv[argc] is set to NULL,
 * so argv needs room for max + 1 pointers.
 * RETURNS: argc (0 for a blank line), or -E2BIG when there are more than max words. */
int shell_parse_args(char *line, char **argv, int max);

#endif
