/* SOURCES: guestos/shell/shell_parse.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "guestos/shell/shell_parse.h"
#include "kernel/errno.h"

static void
test_splits_words_at_runs_of_blanks(void **state)
{
	(void)state;
	char line[] = "  disk \t write   7  0xab ";
	char *argv[9];
	assert_int_equal(shell_parse_args(line, argv, 8), 4);
	assert_string_equal(argv[0], "disk");
	assert_string_equal(argv[1], "write");
	assert_string_equal(argv[2], "7");
	assert_string_equal(argv[3], "0xab");
	assert_null(argv[4]);
}

static void
test_blank_lines_have_no_words(void **state)
{
	(void)state;
	char empty[] = "", blanks[] = " \t  ";
	char *argv[9];
	assert_int_equal(shell_parse_args(empty, argv, 8), 0);
	assert_null(argv[0]);
	assert_int_equal(shell_parse_args(blanks, argv, 8), 0);
	assert_null(argv[0]);
}

static void
test_exactly_max_words_fit(void **state)
{
	(void)state;
	char line[] = "a b c";
	char *argv[4];
	assert_int_equal(shell_parse_args(line, argv, 3), 3);
	assert_string_equal(argv[2], "c");
	assert_null(argv[3]);
}

static void
test_too_many_words_are_an_error(void **state)
{
	(void)state;
	char line[] = "a b c d";
	char *argv[4];
	assert_int_equal(shell_parse_args(line, argv, 3), -E2BIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_splits_words_at_runs_of_blanks),
		cmocka_unit_test(test_blank_lines_have_no_words),
		cmocka_unit_test(test_exactly_max_words_fit),
		cmocka_unit_test(test_too_many_words_are_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
