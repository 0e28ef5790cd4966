/* The shell's line discipline, kept apart from the console so it can be tested
 * without one. */
#include "guestos/shell/line_editor.h"
#include "kernel/string.h"

#define CTRL_C 0x03
#define BS 0x08
#define DEL 0x7f

void
line_editor_reset(struct line_editor *ed)
{
	ed->len = 0;
	ed->buf[0] = '\0';
}

static void
set_echo(char *echo, size_t *echo_len, const char *s)
{
	*echo_len = strlen(s);
	memcpy(echo, s, *echo_len);
}

bool
line_editor_feed(struct line_editor *ed, char c, char *echo, size_t *echo_len)
{
	bool after_cr = ed->after_cr;
	ed->after_cr = c == '\r';
	*echo_len = 0;
	switch (c) {
	case '\n':
		if (after_cr)
			return false;
		/* fall through */
	case '\r':
		ed->buf[ed->len] = '\0';
		set_echo(echo, echo_len, "\n");
		return true;
	case CTRL_C:
		line_editor_reset(ed);
		set_echo(echo, echo_len, "^C\n");
		return true;
	case BS:
	case DEL:
		if (ed->len > 0) {
			ed->len--;
			set_echo(echo, echo_len, "\b \b");
		}
		return false;
	default:
		if (c < ' ' || c > '~' || ed->len == LINE_EDITOR_MAX - 1)
			return false;
		ed->buf[ed->len++] = c;
		echo[0] = c;
		*echo_len = 1;
		return false;
	}
}
