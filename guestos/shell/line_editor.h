/* Turning typed bytes into a command line: echo, backspace, Enter. Pure, so it
 * is unit-tested on the host; the shell feeds it one console byte at a time. */
#ifndef GUESTOS_LINE_EDITOR_H
#define GUESTOS_LINE_EDITOR_H

#include <stdbool.h>
#include <stddef.h>

#define LINE_EDITOR_MAX 128	/* bytes of a line, terminator included */
#define LINE_EDITOR_ECHO_MAX 4	/* most bytes one typed byte echoes */

struct line_editor {
	char buf[LINE_EDITOR_MAX];
	size_t len;
	bool after_cr;	/* the previous byte was CR: an LF now is the rest of CRLF */
	bool too_long;	/* bytes came past the end: the whole line is dropped */
	unsigned char escape;	/* inside an escape sequence (arrow keys): 1 after ESC, 2 after ESC [ or ESC O */
};

/* Starts a new line. A zeroed struct is a valid start too; the CRLF state
 * carries over, so the LF of a CRLF that ended the last line is ignored. */
void line_editor_reset(struct line_editor *ed);

/* Feeds one typed byte and puts what the terminal should show into echo
 * (*echo_len bytes, at most LINE_EDITOR_ECHO_MAX). CR, LF or CRLF end the line;
 * BS and DEL erase one character; Ctrl-C drops the line; escape sequences
 * (ESC [ ... final byte, ESC O x, ESC x) and other control bytes are ignored.
 * A line longer than LINE_EDITOR_MAX - 1 bytes is dropped whole when it ends:
 * ed->buf is then empty and ed->too_long true, for the shell to say so.
 * RETURNS: true when the line is complete: ed->buf then holds it, terminated,
 * until the next line_editor_reset. */
bool line_editor_feed(struct line_editor *ed, char c, char *echo, size_t *echo_len);

#endif
