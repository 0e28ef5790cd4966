/* SOURCES: kernel/multiboot2.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "kernel/multiboot2.h"

/* A boot information block as GRUB lays it out: 8-byte aligned tags. */
static _Alignas(8) uint8_t info[256];
static size_t used;

static void *
add_tag(uint32_t type, uint32_t size)
{
	struct mb2_tag *t = (void *)(info + used);
	t->type = type;
	t->size = size;
	used += (size + 7) & ~7u;
	((struct mb2_info *)info)->total_size = (uint32_t)used;
	return t;
}

static void
build(void)
{
	memset(info, 0, sizeof(info));
	used = sizeof(struct mb2_info);
	struct mb2_tag_string *cmd = add_tag(MB2_TAG_CMDLINE, sizeof(struct mb2_tag) + 14);
	memcpy(cmd->string, "scenario=demo", 14);
	struct mb2_tag_module *m = add_tag(MB2_TAG_MODULE, sizeof(struct mb2_tag_module) + 3);
	m->mod_start = 0x200000;
	m->mod_end = 0x203000;
	memcpy(m->cmdline, "hv", 3);
	m = add_tag(MB2_TAG_MODULE, sizeof(struct mb2_tag_module) + 4);
	memcpy(m->cmdline, "bad", 4);
	add_tag(MB2_TAG_END, 8);
}

static void
test_walk(void **state)
{
	(void)state;
	build();
	const struct mb2_info *mbi = (const void *)info;
	assert_string_equal(multiboot2_cmdline(mbi), "scenario=demo");
	const struct mb2_tag_module *m = (const void *)multiboot2_next_tag(mbi, NULL, MB2_TAG_MODULE);
	assert_non_null(m);
	assert_string_equal(m->cmdline, "hv");
	assert_int_equal(m->mod_end - m->mod_start, 0x3000);
	m = (const void *)multiboot2_next_tag(mbi, &m->tag, MB2_TAG_MODULE);
	assert_non_null(m);
	assert_string_equal(m->cmdline, "bad");
	assert_null(multiboot2_next_tag(mbi, &m->tag, MB2_TAG_MODULE));
	assert_null(multiboot2_next_tag(mbi, NULL, MB2_TAG_MMAP));
}

static void
test_malformed(void **state)
{
	(void)state;
	build();
	struct mb2_info *mbi = (void *)info;
	/* A tag claiming to run past total_size ends the walk. */
	((struct mb2_tag *)(info + sizeof(*mbi)))->size = 4096;
	assert_null(multiboot2_next_tag(mbi, NULL, MB2_TAG_MODULE));
	assert_string_equal(multiboot2_cmdline(mbi), "");
	/* So does a zero-sized tag, which would otherwise loop forever. */
	build();
	((struct mb2_tag *)(info + sizeof(*mbi)))->size = 0;
	assert_null(multiboot2_next_tag(mbi, NULL, MB2_TAG_MODULE));
	/* An empty list has no command line. */
	mbi->total_size = sizeof(*mbi);
	assert_string_equal(multiboot2_cmdline(mbi), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
