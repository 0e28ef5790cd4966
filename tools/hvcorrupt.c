/* hvcorrupt: from a good hypervisor image, writes one corrupt variant per
 * check the loader makes, for tests/hv_bad_images.sh. Each variant has
 * exactly one defect: the others are re-sealed with a correct CRC-32, so the
 * loader must name that defect and no other.
 * Usage: hvcorrupt IMAGE OUTDIR   (writes OUTDIR/bad-*.bin, lists the names) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hv/abi.h"
#include "kernel/crc32.h"

static unsigned char *image;
static size_t image_len;

static void
seal(unsigned char *img, size_t len)
{
	struct hv_image_header h;
	memcpy(&h, img, sizeof(h));
	h.checksum = 0;
	memcpy(img, &h, sizeof(h));
	h.checksum = crc32_update(0, img, len);
	memcpy(img, &h, sizeof(h));
}

static void
emit(const char *dir, const char *name, const unsigned char *img, size_t len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(img, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "hvcorrupt: cannot write %s\n", path);
		exit(1);
	}
	printf("%s\n", name);
}

/* A fresh copy of the good image with the header edited by `edit`, re-sealed. */
static void
variant(const char *dir, const char *name, void (*edit)(struct hv_image_header *))
{
	unsigned char *img = malloc(image_len);
	struct hv_image_header h;
	memcpy(img, image, image_len);
	memcpy(&h, img, sizeof(h));
	edit(&h);
	memcpy(img, &h, sizeof(h));
	seal(img, image_len);
	emit(dir, name, img, image_len);
	free(img);
}

static void
edit_magic(struct hv_image_header *h)
{
	h->magic ^= 0xFF;
}

static void
edit_version(struct hv_image_header *h)
{
	h->abi_version += 1;
}

static void
edit_sizes(struct hv_image_header *h)
{
	h->heap_size = 1ULL << 40;
}

static void
edit_entry(struct hv_image_header *h)
{
	h->entry_offset = h->image_size + 4096;
}

static void
edit_link_base(struct hv_image_header *h)
{
	h->link_base = 0x100000;
}

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: hvcorrupt IMAGE OUTDIR\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) != 0) {
		fprintf(stderr, "hvcorrupt: cannot read %s\n", argv[1]);
		return 1;
	}
	image_len = (size_t)ftell(f);
	rewind(f);
	image = malloc(image_len);
	if (image_len < sizeof(struct hv_image_header) + 64 || fread(image, 1, image_len, f) != image_len) {
		fprintf(stderr, "hvcorrupt: %s is too short\n", argv[1]);
		return 1;
	}
	fclose(f);
	const char *dir = argv[2];
	variant(dir, "bad-magic", edit_magic);
	variant(dir, "bad-version", edit_version);
	variant(dir, "bad-sizes", edit_sizes);
	variant(dir, "bad-entry", edit_entry);
	variant(dir, "bad-linkbase", edit_link_base);
	/* One flipped bit in the code, checksum left as it was. */
	unsigned char *img = malloc(image_len);
	memcpy(img, image, image_len);
	img[image_len - 17] ^= 0x10;
	emit(dir, "bad-checksum", img, image_len);
	/* The first half only: the header promises more than the module holds. */
	emit(dir, "truncated", image, image_len / 2);
	free(img);
	return 0;
}
