/* The hypervisor loader. GRUB left the image somewhere as a module; it never
 * runs there. We copy it into a block we own, so the block can be pinned,
 * mapped at the link address in the PML4[511] every address space shares,
 * and given back page for page on unload. */
#include "guestos/hvload/loader.h"
#include "guestos/hvload/image.h"
#include "guestos/mm/paging.h"
#include "guestos/mm/pmm.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/lab.h"
#include "kernel/string.h"

static const struct mb2_info *boot_info;

static struct {
	bool loaded;
	uint64_t pa, pages, entry;
	char name[32];
} hv;

void
loader_init(const struct mb2_info *info)
{
	boot_info = info;
}

static const struct mb2_tag_module *
find_module(const char *name)
{
	const struct mb2_tag *t = NULL;
	while (boot_info && (t = multiboot2_next_tag(boot_info, t, MB2_TAG_MODULE))) {
		const struct mb2_tag_module *m = (const void *)t;
		if (strcmp(m->cmdline, name) == 0)
			return m;
	}
	return NULL;
}

int
loader_load(const char *name)
{
	if (hv.loaded) {
		kprintf("hv: load %s: image \"%s\" is already loaded\n", name, hv.name);
		return -EBUSY;
	}
	const struct mb2_tag_module *m = find_module(name);
	if (!m) {
		kprintf("hv: load %s: no boot module with that name\n", name);
		return -ENOENT;
	}
	/* LAB 03 BEGIN: check the module, reserve one block for image, bss and heap, copy, verify, zero, map at HV_LINK_BASE */
	/* LAB 03 STUB: (void)m; */
	/* LAB 03 STUB: return lab_missing("LAB 03: loader_load: reserve and load the image"); */
	const char *why;
	const void *src = (const void *)(uint64_t)m->mod_start;
	uint64_t len = m->mod_end - m->mod_start;
	int err = image_check(src, len, &why);
	if (err) {
		kprintf("hv: load %s: %s\n", name, why);
		return err;
	}
	const struct hv_image_header *h = src;
	uint64_t pages = image_block_size(h) / PAGE_SIZE;
	uint64_t pa = pmm_alloc_contig(pages, 1);
	if (!pa) {
		kprintf("hv: load %s: no %lu contiguous free pages\n", name, pages);
		return -ENOMEM;
	}
	memcpy((void *)pa, src, len);
	memset((char *)pa + len, 0, pages * PAGE_SIZE - len);
	/* Verify the copy, not the module: the copy is what runs. */
	if (memcmp((void *)pa, src, len) != 0 || image_check((void *)pa, len, &why) != 0) {
		pmm_free_contig(pa, pages);
		kprintf("hv: load %s: the copy does not verify\n", name);
		return -EIO;
	}
	err = paging_map_kernel(HV_LINK_BASE, pa, pages, PTE_WRITE);
	if (err) {
		pmm_free_contig(pa, pages);
		kprintf("hv: load %s: cannot map at %llx (%s)\n", name, HV_LINK_BASE, errno_name(-err));
		return err;
	}
	hv.loaded = true;
	hv.pa = pa;
	hv.pages = pages;
	hv.entry = HV_LINK_BASE + h->entry_offset;
	strlcpy(hv.name, name, sizeof(hv.name));
	return 0;
	/* LAB 03 END */
}

int
loader_unload(void)
{
	if (!hv.loaded)
		return -ENOENT;
	/* LAB 03 BEGIN: unmap the block and give every page of it back */
	/* LAB 03 STUB: return lab_missing("LAB 03: loader_unload: unmap and free the block"); */
	int err = paging_unmap_kernel(HV_LINK_BASE, hv.pages);
	if (err)
		kprintf("hv: unload: unmapping reported %s\n", errno_name(-err));
	pmm_free_contig(hv.pa, hv.pages);
	hv.loaded = false;
	return err;
	/* LAB 03 END */
}

bool
loader_is_loaded(void)
{
	return hv.loaded;
}

uint64_t
loader_entry(void)
{
	return hv.entry;
}

uint64_t
loader_base(void)
{
	return hv.pa;
}

uint64_t
loader_size(void)
{
	return hv.pages * PAGE_SIZE;
}

const char *
loader_name(void)
{
	return hv.name;
}
