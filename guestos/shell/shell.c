/* The shell: reads lines from the console, looks the first word up in the
 * command table the linker gathers (guestos/guestos.ld), runs the command.
 * Also the two commands that belong to no subsystem: help and poweroff. */
#include "guestos/shell/shell.h"
#include "guestos/dev/dev.h"
#include "guestos/shell/line_editor.h"
#include "guestos/shell/shell_parse.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/power.h"
#include "kernel/string.h"

extern const struct shell_command shell_commands_start[], shell_commands_end[];

static const struct shell_command *
shell_find(const char *name)
{
	for (const struct shell_command *c = shell_commands_start; c < shell_commands_end; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
shell_execute(char *line)
{
	char *argv[SHELL_MAX_ARGS + 1];
	int argc = shell_parse_args(line, argv, SHELL_MAX_ARGS);
	if (argc == -E2BIG) {
		kprintf("too many words (at most %d)\n", SHELL_MAX_ARGS);
		return argc;
	}
	if (argc == 0)
		return 0;
	const struct shell_command *cmd = shell_find(argv[0]);
	if (!cmd) {
		kprintf("unknown command: %s\n", argv[0]);
		return -ENOENT;
	}
	int err = cmd->run(argc, argv);
	if (err == SHELL_USAGE) {
		kprintf("usage: %s\n", cmd->usage);
		return -EINVAL;
	}
	return err;
}

static void
shell_read_line(struct line_editor *ed)
{
	char echo[LINE_EDITOR_ECHO_MAX];
	size_t n;
	bool done;
	line_editor_reset(ed);
	do {
		done = line_editor_feed(ed, dev_console_getc(), echo, &n);
		console_write(echo, n);
	} while (!done);
}

void
shell_run(void)
{
	static struct line_editor ed;
	for (;;) {
		kprintf("%s", SHELL_PROMPT);
		shell_read_line(&ed);
		if (ed.too_long)
			kprintf("line too long (at most %d bytes): dropped\n", LINE_EDITOR_MAX - 1);
		else
			shell_execute(ed.buf);
	}
}

/* Lists the commands sorted by name: link order depends on the build. */
static int
shell_help(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return SHELL_USAGE;
	const char *last = "";
	for (;;) {
		const struct shell_command *next = NULL;
		for (const struct shell_command *c = shell_commands_start; c < shell_commands_end; c++)
			if (strcmp(c->name, last) > 0 && (!next || strcmp(c->name, next->name) < 0))
				next = c;
		if (!next)
			return 0;
		kprintf("  %-10s %s\n", next->name, next->help);
		last = next->name;
	}
}
SHELL_COMMAND(help, "help", "help", "list the commands", shell_help);

static int
shell_poweroff(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return SHELL_USAGE;
	kprintf("guestos: power off\n");
	power_off(POWER_OK);
}
SHELL_COMMAND(poweroff, "poweroff", "poweroff", "power the machine off", shell_poweroff);
