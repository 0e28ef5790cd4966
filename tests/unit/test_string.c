/* SOURCES: kernel/string.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* kernel/string.c linked with its symbols renamed k_* (tests/unit.sh). */
void *k_memcpy(void *dst, const void *src, size_t n);
void *k_memmove(void *dst, const void *src, size_t n);
void *k_memset(void *dst, int c, size_t n);
int k_memcmp(const void *a, const void *b, size_t n);
size_t k_strlen(const char *s);
int k_strcmp(const char *a, const char *b);
int k_strncmp(const char *a, const char *b, size_t n);
size_t k_strlcpy(char *dst, const char *src, size_t size);
int k_parse_u64(const char *s, unsigned long long *out);

static void
test_mem(void **state)
{
	(void)state;
	char a[16] = "0123456789";
	k_memmove(a + 2, a, 8);
	assert_memory_equal(a, "0101234567", 10);
	k_memmove(a, a + 2, 8);
	assert_memory_equal(a, "0123456767", 10);
	k_memset(a, 'z', 3);
	assert_memory_equal(a, "zzz3", 4);
	char b[4];
	assert_ptr_equal(k_memcpy(b, "abc", 4), b);
	assert_string_equal(b, "abc");
	assert_true(k_memcmp("abc", "abd", 3) < 0);
	assert_true(k_memcmp("abd", "abc", 3) > 0);
	assert_int_equal(k_memcmp("\xff", "\x01", 0), 0);
	assert_true(k_memcmp("\xff", "\x01", 1) > 0);
}

static void
test_mem_words(void **state)
{
	(void)state;
	/* Aligned buffers take the eight-byte path; the odd tail and an unaligned start take the byte path. */
	_Alignas(8) unsigned char a[67], b[67];
	for (int i = 0; i < 67; i++)
		a[i] = (unsigned char)(i * 7 + 1);
	k_memset(b, 0xAB, sizeof(b));
	for (int i = 0; i < 67; i++)
		assert_int_equal(b[i], 0xAB);
	assert_ptr_equal(k_memcpy(b, a, 67), b);
	assert_memory_equal(a, b, 67);
	k_memset(b + 1, 0, 65);
	assert_int_equal(b[0], a[0]);
	for (int i = 1; i < 66; i++)
		assert_int_equal(b[i], 0);
	assert_int_equal(b[66], a[66]);
	k_memcpy(b + 3, a, 40);
	assert_memory_equal(b + 3, a, 40);
}

static void
test_str(void **state)
{
	(void)state;
	assert_int_equal(k_strlen(""), 0);
	assert_int_equal(k_strlen("hello"), 5);
	assert_int_equal(k_strcmp("a", "a"), 0);
	assert_true(k_strcmp("a", "b") < 0);
	assert_true(k_strcmp("ab", "a") > 0);
	assert_int_equal(k_strncmp("disk read", "disk write", 5), 0);
	assert_true(k_strncmp("disk read", "disk write", 6) < 0);
	char d[4];
	assert_int_equal(k_strlcpy(d, "abcdef", sizeof(d)), 6);
	assert_string_equal(d, "abc");
}

static void
test_parse_u64(void **state)
{
	(void)state;
	unsigned long long v = 7;
	assert_int_equal(k_parse_u64("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(k_parse_u64("1234", &v), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(k_parse_u64("0x1F", &v), 0);
	assert_int_equal(v, 31);
	assert_int_equal(k_parse_u64("18446744073709551615", &v), 0);
	assert_true(v == ~0ULL);
	v = 5;
	assert_int_equal(k_parse_u64("18446744073709551616", &v), -22);
	assert_int_equal(k_parse_u64("", &v), -22);
	assert_int_equal(k_parse_u64("0x", &v), -22);
	assert_int_equal(k_parse_u64("12a", &v), -22);
	assert_int_equal(k_parse_u64("-1", &v), -22);
	assert_int_equal(v, 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mem),
		cmocka_unit_test(test_mem_words),
		cmocka_unit_test(test_str),
		cmocka_unit_test(test_parse_u64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
