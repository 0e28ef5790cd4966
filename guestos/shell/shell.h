/* The serial shell: prompt "guestos> ". Any file adds a command with SHELL_COMMAND;
 * the linker gathers them (section .shell_commands), so shell.c lists none. */
#ifndef GUESTOS_SHELL_H
#define GUESTOS_SHELL_H

#define SHELL_PROMPT "guestos> "
#define SHELL_MAX_ARGS 8
/* A command's own return code, not an errno: "print my usage line". */
#define SHELL_USAGE 1

struct shell_command {
	const char *name;
	const char *usage;	/* "disk read LBA": printed as "usage: ..." on SHELL_USAGE */
	const char *help;	/* one line for `help` */
	/* RETURNS: 0; SHELL_USAGE when the words do not fit the usage line (the
	 * shell prints it); or a negative errno after the command printed a
	 * one-line reason. */
	int (*run)(int argc, char **argv);
};

#define SHELL_COMMAND(ident, name_, usage_, help_, fn_) \
	static const struct shell_command shell_command_##ident \
		__attribute__((used, section(".shell_commands"), aligned(8))) = { name_, usage_, help_, fn_ }

/* Runs one command line (split in place). Prints "unknown command: NAME" for an
 * unknown command and "usage: ..." when the command returns SHELL_USAGE.
 * RETURNS: the command's result, -EINVAL for SHELL_USAGE; 0 for a blank line;
 * -ENOENT for an unknown command; -E2BIG for more than SHELL_MAX_ARGS words. */
int shell_execute(char *line);

/* The interactive loop: prompt, read a line from the console, execute; never returns. */
void shell_run(void) __attribute__((noreturn));

#endif
