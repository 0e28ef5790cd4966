/* The multiboot2 boot information the loader hands over (Multiboot2 spec
 * §3.6 "Boot information format"). */
#ifndef KERNEL_MULTIBOOT2_H
#define KERNEL_MULTIBOOT2_H

#include <stdint.h>

#define MB2_BOOTLOADER_MAGIC 0x36d76289

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6

#define MB2_MEMORY_AVAILABLE 1

struct mb2_info {
	uint32_t total_size;
	uint32_t reserved;
};

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_tag_string {
	struct mb2_tag tag;
	char string[];
};

struct mb2_tag_module {
	struct mb2_tag tag;
	uint32_t mod_start;
	uint32_t mod_end;
	char cmdline[];
};

struct mb2_mmap_entry {
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	uint32_t entry_size;
	uint32_t entry_version;
	struct mb2_mmap_entry entries[];
};

/* RETURNS: the first tag of this type after `after` (NULL: from the start), or NULL.
 * Walks only inside info->total_size, so a malformed tag list ends the walk. */
const struct mb2_tag *multiboot2_next_tag(const struct mb2_info *info, const struct mb2_tag *after, uint32_t type);

/* RETURNS: the kernel command line, or "" when there is none. */
const char *multiboot2_cmdline(const struct mb2_info *info);

#endif
