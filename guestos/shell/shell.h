/* The serial shell: prompt "guestos> ". Any file adds a command with SHELL_COMMAND;
 * the linker gathers them (section .shell_commands), so shell.c lists none. */
#ifndef GUESTOS_SHELL_H
#define GUESTOS_SHELL_H

#define SHELL_PROMPT "guestos> "
#define SHELL_MAX_ARGS 8

struct shell_command {
	const char *name;
	const char *usage;	/* "disk read LBA": printed as "usage: ..." on a bad argument */
	const char *help;	/* one line for `help` */
	/* RETURNS: 0, or -EINVAL for a bad argument (the shell prints the usage line);
	 * any other negative errno after the command printed a one-line reason. */
	int (*run)(int argc, char **argv);
};

#define SHELL_COMMAND(ident, name_, usage_, help_, fn_) \
	static const struct shell_command shell_command_##ident \
		__attribute__((used, section(".shell_commands"), aligned(8))) = { name_, usage_, help_, fn_ }

/* Runs one command line (split in place). Prints "unknown command: NAME" for an
 * unknown command and "usage: ..." when the command returns -EINVAL.
 * RETURNS: the command's result; 0 for a blank line; -ENOENT for an unknown
 * command; -E2BIG for more than SHELL_MAX_ARGS words. */
int shell_execute(char *line);

/* The interactive loop: prompt, read a line from the console, execute; never returns. */
void shell_run(void) __attribute__((noreturn));

#endif
