/* The shell's line discipline, kept apart from the console so it can be tested
 * without one. */
#include "guestos/shell/line_editor.h"
#include "kernel/string.h"

#define CTRL_C 0x03
#define BS 0x08
#define DEL 0x7f
#define ESC 0x1b

void
line_editor_reset(struct line_editor *ed)
{
	ed->len = 0;
	ed->buf[0] = '\0';
	ed->too_long = false;
	ed->escape = 0;
}

/* ECMA-48: ESC [ (CSI) or ESC O (SS3), then parameter and intermediate
 * bytes 0x20-0x3F, then one final byte 0x40-0x7E; ESC and any other byte
 * is a two-byte sequence. RETURNS: true when c belonged to a sequence. */
static bool
in_escape(struct line_editor *ed, char c)
{
	if (c == ESC) {
		ed->escape = 1;
		return true;
	}
	if (ed->escape == 1) {
		ed->escape = c == '[' || c == 'O' ? 2 : 0;
		return true;
	}
	if (ed->escape == 2) {
		if (c >= 0x40 && c <= 0x7E)
			ed->escape = 0;
		return true;
	}
	return false;
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
	if (in_escape(ed, c))
		return false;
	switch (c) {
	case '\n':
		if (after_cr)
			return false;
		/* fall through */
	case '\r':
		if (ed->too_long)
			ed->len = 0;
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
		if (c < ' ' || c > '~')
			return false;
		if (ed->len == LINE_EDITOR_MAX - 1) {
			ed->too_long = true;
			return false;
		}
		ed->buf[ed->len++] = c;
		echo[0] = c;
		*echo_len = 1;
		return false;
	}
}
