/* hvpack: turns the raw hypervisor image (objcopy -O binary of hv.elf) into the
 * loadable image: checks the header the linker filled in and writes the CRC-32.
 * Usage: hvpack RAW OUT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hv/abi.h"
#include "kernel/crc32.h"

static unsigned char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: hvpack RAW OUT\n");
		return 2;
	}
	size_t len;
	unsigned char *img = read_file(argv[1], &len);
	if (!img) {
		fprintf(stderr, "hvpack: cannot read %s\n", argv[1]);
		return 1;
	}
	struct hv_image_header h;
	if (len < sizeof(h)) {
		fprintf(stderr, "hvpack: %s is shorter than the header\n", argv[1]);
		return 1;
	}
	memcpy(&h, img, sizeof(h));
	if (h.magic != HV_IMAGE_MAGIC || h.header_size != sizeof(h)) {
		fprintf(stderr, "hvpack: %s has no devirt image header at offset 0\n", argv[1]);
		return 1;
	}
	if (h.image_size != len) {
		fprintf(stderr, "hvpack: header says %llu bytes, file has %zu\n",
			(unsigned long long)h.image_size, len);
		return 1;
	}
	h.checksum = 0;
	memcpy(img, &h, sizeof(h));
	h.checksum = crc32_update(0, img, len);
	memcpy(img, &h, sizeof(h));
	FILE *out = fopen(argv[2], "wb");
	if (!out || fwrite(img, 1, len, out) != len || fclose(out) != 0) {
		fprintf(stderr, "hvpack: cannot write %s\n", argv[2]);
		return 1;
	}
	printf("hvpack: %s: %zu bytes, bss %llu, heap %llu, entry +0x%llx, crc32 %08x\n", argv[2], len,
	       (unsigned long long)h.bss_size, (unsigned long long)h.heap_size,
	       (unsigned long long)h.entry_offset, h.checksum);
	free(img);
	return 0;
}
