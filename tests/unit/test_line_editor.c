/* SOURCES: guestos/shell/line_editor.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "guestos/shell/line_editor.h"

/* Feeds every byte of `typed`; collects the echo. RETURNS: how many lines ended. */
static int
type(struct line_editor *ed, const char *typed, char *echoed, size_t echoed_size)
{
	int lines = 0;
	size_t used = 0;
	for (const char *p = typed; *p; p++) {
		char echo[LINE_EDITOR_ECHO_MAX];
		size_t n;
		if (line_editor_feed(ed, *p, echo, &n))
			lines++;
		assert_true(n <= LINE_EDITOR_ECHO_MAX);
		assert_true(used + n < echoed_size);
		memcpy(echoed + used, echo, n);
		used += n;
	}
	echoed[used] = '\0';
	return lines;
}

static void
test_enter_ends_the_line_and_echoes_it(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[64];
	assert_int_equal(type(&ed, "help\r", echoed, sizeof(echoed)), 1);
	assert_string_equal(ed.buf, "help");
	assert_string_equal(echoed, "help\n");
}

static void
test_lf_alone_ends_the_line(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[64];
	assert_int_equal(type(&ed, "ps\n", echoed, sizeof(echoed)), 1);
	assert_string_equal(ed.buf, "ps");
}

static void
test_crlf_is_one_enter(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[64];
	assert_int_equal(type(&ed, "ps\r", echoed, sizeof(echoed)), 1);
	line_editor_reset(&ed);
	assert_int_equal(type(&ed, "\nmem\r\n", echoed, sizeof(echoed)), 1);
	assert_string_equal(ed.buf, "mem");
	assert_string_equal(echoed, "mem\n");
}

static void
test_two_enters_are_two_lines(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[64];
	assert_int_equal(type(&ed, "\r\r", echoed, sizeof(echoed)), 2);
	assert_string_equal(ed.buf, "");
}

static void
test_backspace_and_delete_erase(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[64];
	assert_int_equal(type(&ed, "hx\bel\x7fp\r", echoed, sizeof(echoed)), 1);
	assert_string_equal(ed.buf, "hep");
	assert_string_equal(echoed, "hx\b \bel\b \bp\n");
}

static void
test_backspace_on_an_empty_line_echoes_nothing(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[64];
	assert_int_equal(type(&ed, "\b\b\x7f", echoed, sizeof(echoed)), 0);
	assert_string_equal(echoed, "");
	assert_int_equal(ed.len, 0);
}

static void
test_ctrl_c_drops_the_line(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[64];
	assert_int_equal(type(&ed, "poweroff\x03", echoed, sizeof(echoed)), 1);
	assert_string_equal(ed.buf, "");
	assert_string_equal(echoed, "poweroff^C\n");
}

static void
test_other_control_bytes_are_ignored(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[64];
	assert_int_equal(type(&ed, "a\x1b\tb\x80\r", echoed, sizeof(echoed)), 1);
	assert_string_equal(ed.buf, "ab");
	assert_string_equal(echoed, "ab\n");
}

static void
test_a_full_line_ignores_more_bytes(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[LINE_EDITOR_MAX + 16];
	char typed[LINE_EDITOR_MAX + 11];
	memset(typed, 'x', LINE_EDITOR_MAX + 9);
	typed[LINE_EDITOR_MAX + 9] = '\r';
	typed[LINE_EDITOR_MAX + 10] = '\0';
	assert_int_equal(type(&ed, typed, echoed, sizeof(echoed)), 1);
	assert_true(ed.too_long);
	assert_string_equal(ed.buf, "");
	assert_int_equal(strlen(echoed), LINE_EDITOR_MAX);
	/* The next line starts clean. */
	line_editor_reset(&ed);
	assert_int_equal(type(&ed, "help\r", echoed, sizeof(echoed)), 1);
	assert_false(ed.too_long);
	assert_string_equal(ed.buf, "help");
}

static void
test_a_line_of_exactly_the_maximum_is_kept(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[LINE_EDITOR_MAX + 16];
	char typed[LINE_EDITOR_MAX + 1];
	memset(typed, 'y', LINE_EDITOR_MAX - 1);
	typed[LINE_EDITOR_MAX - 1] = '\r';
	typed[LINE_EDITOR_MAX] = '\0';
	assert_int_equal(type(&ed, typed, echoed, sizeof(echoed)), 1);
	assert_false(ed.too_long);
	assert_int_equal(strlen(ed.buf), LINE_EDITOR_MAX - 1);
}

static void
test_escape_sequences_are_dropped(void **state)
{
	(void)state;
	struct line_editor ed = { 0 };
	char echoed[64];
	/* Up arrow, Left, F1 (SS3), Delete (ESC [ 3 ~), Alt-x. */
	assert_int_equal(type(&ed, "he\x1b[A\x1b[Dl\x1bOP\x1b[3~\x1bxp\r", echoed, sizeof(echoed)), 1);
	assert_string_equal(ed.buf, "help");
	assert_string_equal(echoed, "help\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enter_ends_the_line_and_echoes_it),
		cmocka_unit_test(test_lf_alone_ends_the_line),
		cmocka_unit_test(test_crlf_is_one_enter),
		cmocka_unit_test(test_two_enters_are_two_lines),
		cmocka_unit_test(test_backspace_and_delete_erase),
		cmocka_unit_test(test_backspace_on_an_empty_line_echoes_nothing),
		cmocka_unit_test(test_ctrl_c_drops_the_line),
		cmocka_unit_test(test_other_control_bytes_are_ignored),
		cmocka_unit_test(test_a_full_line_ignores_more_bytes),
		cmocka_unit_test(test_a_line_of_exactly_the_maximum_is_kept),
		cmocka_unit_test(test_escape_sequences_are_dropped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
