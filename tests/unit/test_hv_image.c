/* SOURCES: guestos/hvload/image.c kernel/crc32.c */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "guestos/hvload/image.h"
#include "kernel/crc32.h"
#include "kernel/errno.h"

#define IMG_SIZE 6000

static unsigned char img[IMG_SIZE + 16];
static struct hv_image_header *hdr = (struct hv_image_header *)img;
static const char *why;

/* Seals the image the way tools/hvpack does. */
static void
seal(void)
{
	hdr->checksum = 0;
	hdr->checksum = crc32_update(0, img, hdr->image_size <= IMG_SIZE ? hdr->image_size : IMG_SIZE);
}

static int
setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(img); i++)
		img[i] = (unsigned char)(i * 7);
	struct hv_image_header h = {
		.magic = HV_IMAGE_MAGIC,
		.abi_version = HV_ABI_VERSION,
		.header_size = sizeof(h),
		.image_size = IMG_SIZE,
		.bss_size = 2 * 4096 - IMG_SIZE,
		.heap_size = 512 * 1024,
		.link_base = HV_LINK_BASE,
		.entry_offset = 4096,
	};
	memcpy(img, &h, sizeof(h));
	seal();
	why = NULL;
	return 0;
}

static void
test_good_image(void **state)
{
	(void)state;
	assert_int_equal(image_check(img, IMG_SIZE, &why), 0);
	assert_int_equal(image_block_size(hdr), 2 * 4096 + 512 * 1024);
}

static void
expect_reject(uint64_t len, int err, const char *prefix)
{
	assert_int_equal(image_check(img, len, &why), err);
	assert_non_null(why);
	assert_memory_equal(why, prefix, strlen(prefix));
}

static void
test_shorter_than_header(void **state)
{
	(void)state;
	expect_reject(sizeof(struct hv_image_header) - 1, -EIO, "truncated");
	expect_reject(0, -EIO, "truncated");
}

static void
test_wrong_magic(void **state)
{
	(void)state;
	hdr->magic ^= 1;
	seal();
	expect_reject(IMG_SIZE, -ENOEXEC, "wrong magic");
}

static void
test_wrong_version(void **state)
{
	(void)state;
	hdr->abi_version = HV_ABI_VERSION + 1;
	seal();
	expect_reject(IMG_SIZE, -ENOEXEC, "wrong ABI version");
}

static void
test_wrong_header_size(void **state)
{
	(void)state;
	hdr->header_size = 16;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "wrong header size");
}

static void
test_wrong_link_base(void **state)
{
	(void)state;
	hdr->link_base = 0x100000;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "wrong link base");
}

static void
test_impossible_sizes(void **state)
{
	(void)state;
	hdr->heap_size = ~0ULL & ~4095ULL;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "impossible sizes");
	setup(NULL);
	/* Each size alone is below the limit but the sum wraps or exceeds it. */
	hdr->bss_size = IMAGE_MAX_BLOCK - 4096 - IMG_SIZE;
	hdr->heap_size = IMAGE_MAX_BLOCK / 2;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "impossible sizes");
	setup(NULL);
	hdr->heap_size = 4096;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "impossible sizes");
	setup(NULL);
	hdr->bss_size += 1;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "impossible sizes");
	setup(NULL);
	hdr->image_size = 8;
	hdr->bss_size = 4088;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "impossible sizes");
}

static void
test_truncated(void **state)
{
	(void)state;
	expect_reject(IMG_SIZE - 1, -EIO, "truncated");
	expect_reject(sizeof(struct hv_image_header), -EIO, "truncated");
}

static void
test_trailing_bytes(void **state)
{
	(void)state;
	expect_reject(IMG_SIZE + 16, -EINVAL, "trailing bytes");
}

static void
test_entry_outside(void **state)
{
	(void)state;
	hdr->entry_offset = IMG_SIZE;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "entry point outside");
	hdr->entry_offset = 0;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "entry point outside");
	hdr->entry_offset = ~0ULL;
	seal();
	expect_reject(IMG_SIZE, -EINVAL, "entry point outside");
}

static void
test_bad_checksum(void **state)
{
	(void)state;
	img[IMG_SIZE - 1] ^= 0x40;
	expect_reject(IMG_SIZE, -EIO, "bad checksum");
	img[IMG_SIZE - 1] ^= 0x40;
	hdr->checksum ^= 1;
	expect_reject(IMG_SIZE, -EIO, "bad checksum");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_good_image, setup),
		cmocka_unit_test_setup(test_shorter_than_header, setup),
		cmocka_unit_test_setup(test_wrong_magic, setup),
		cmocka_unit_test_setup(test_wrong_version, setup),
		cmocka_unit_test_setup(test_wrong_header_size, setup),
		cmocka_unit_test_setup(test_wrong_link_base, setup),
		cmocka_unit_test_setup(test_impossible_sizes, setup),
		cmocka_unit_test_setup(test_truncated, setup),
		cmocka_unit_test_setup(test_trailing_bytes, setup),
		cmocka_unit_test_setup(test_entry_outside, setup),
		cmocka_unit_test_setup(test_bad_checksum, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
