/* SOURCES: kernel/multiboot2.c */
/* The tag walk must stay inside total_size whatever the tags say. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/multiboot2.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < sizeof(struct mb2_info))
		return 0;
	/* Exactly `size` bytes, 8-aligned, so ASan flags any read past the end. */
	uint8_t *info = aligned_alloc(8, (size + 7) & ~(size_t)7);
	memcpy(info, data, size);
	struct mb2_info *mbi = (void *)info;
	if (mbi->total_size > size)
		mbi->total_size = (uint32_t)size;
	const struct mb2_tag *t = NULL;
	for (int i = 0; i < 64 && (t = multiboot2_next_tag(mbi, t, MB2_TAG_MODULE)); i++)
		;
	const char *cmd = multiboot2_cmdline(mbi);
	(void)cmd;
	free(info);
	return 0;
}
