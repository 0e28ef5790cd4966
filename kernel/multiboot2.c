/* Walking the multiboot2 tag list: tags are 8-byte aligned, the list ends with
 * a tag of type 0 (Multiboot2 spec §3.6.1 "Basic tags structure"). */
#include "multiboot2.h"
#include <stddef.h>

static const struct mb2_tag *
tag_after(const struct mb2_tag *t)
{
	uintptr_t next = (uintptr_t)t + ((t->size + 7u) & ~7u);
	return (const struct mb2_tag *)next;
}

const struct mb2_tag *
multiboot2_next_tag(const struct mb2_info *info, const struct mb2_tag *after, uint32_t type)
{
	uintptr_t end = (uintptr_t)info + info->total_size;
	const struct mb2_tag *t = after ? tag_after(after) : (const struct mb2_tag *)(info + 1);
	while ((uintptr_t)t + sizeof(*t) <= end && t->type != MB2_TAG_END) {
		if (t->size < sizeof(*t) || (uintptr_t)t + t->size > end)
			return NULL;
		if (t->type == type)
			return t;
		t = tag_after(t);
	}
	return NULL;
}

const char *
multiboot2_cmdline(const struct mb2_info *info)
{
	const struct mb2_tag_string *t = (const void *)multiboot2_next_tag(info, NULL, MB2_TAG_CMDLINE);
	return t ? t->string : "";
}
