/* The physical page allocator on top of pmm_bitmap: filled from the multiboot2
 * memory map (Multiboot2 spec §3.6.8 "Memory map"). */
#include "guestos/mm/pmm.h"
#include "guestos/cpu/irq.h"
#include "guestos/mm/pmm_bitmap.h"
#include "kernel/console.h"
#include "kernel/panic.h"

#define PMM_NPAGES (PMM_MAX_PHYS / PAGE_SIZE)
#define LOW_MEMORY (1ULL << 20)

/* Linker symbols (guestos/guestos.ld). */
extern char kernel_start[], kernel_end[];

static uint64_t free_bits[PMM_BITMAP_WORDS(PMM_NPAGES)];
static uint64_t usable_bits[PMM_BITMAP_WORDS(PMM_NPAGES)];
static struct pmm_bitmap pmm;

static void
pmm_reserve_bytes(uint64_t start, uint64_t end)
{
	uint64_t first = start / PAGE_SIZE;
	uint64_t last = (end + PAGE_SIZE - 1) / PAGE_SIZE;
	pmm_bitmap_reserve(&pmm, first, last - first);
}

void
pmm_init(const struct mb2_info *info)
{
	pmm_bitmap_init(&pmm, free_bits, usable_bits, PMM_NPAGES);
	const struct mb2_tag_mmap *mmap = (const void *)multiboot2_next_tag(info, NULL, MB2_TAG_MMAP);
	if (!mmap || mmap->entry_size < sizeof(struct mb2_mmap_entry))
		panic("pmm: the boot loader gave no usable memory map");
	for (uint32_t off = sizeof(*mmap); off + sizeof(struct mb2_mmap_entry) <= mmap->tag.size;
	     off += mmap->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)((const char *)mmap + off);
		if (e->type != MB2_MEMORY_AVAILABLE)
			continue;
		/* Only whole pages inside the region. */
		uint64_t first = (e->base_addr + PAGE_SIZE - 1) / PAGE_SIZE;
		uint64_t end = (e->base_addr + e->length) / PAGE_SIZE;
		if (end > first)
			pmm_bitmap_add(&pmm, first, end - first);
	}
	pmm_reserve_bytes(0, LOW_MEMORY);
	pmm_reserve_bytes((uint64_t)kernel_start, (uint64_t)kernel_end);
	pmm_reserve_bytes((uint64_t)info, (uint64_t)info + info->total_size);
	for (const struct mb2_tag *t = multiboot2_next_tag(info, NULL, MB2_TAG_MODULE); t;
	     t = multiboot2_next_tag(info, t, MB2_TAG_MODULE)) {
		const struct mb2_tag_module *m = (const void *)t;
		pmm_reserve_bytes(m->mod_start, m->mod_end);
	}
	kprintf("[pmm] %lu pages free of %lu\n", pmm.free_pages, pmm.usable_pages);
}

uint64_t
pmm_alloc_contig(uint64_t pages, uint64_t align_pages)
{
	uint64_t first;
	uint64_t flags = irq_save();
	int err = pmm_bitmap_alloc(&pmm, pages, align_pages, &first);
	irq_restore(flags);
	return err ? 0 : first * PAGE_SIZE;
}

void
pmm_free_contig(uint64_t pa, uint64_t pages)
{
	if (pa % PAGE_SIZE)
		panic("pmm: free of unaligned address 0x%lx", pa);
	uint64_t flags = irq_save();
	int err = pmm_bitmap_free(&pmm, pa / PAGE_SIZE, pages);
	irq_restore(flags);
	if (err)
		panic("pmm: free of 0x%lx (%lu pages) that was not allocated", pa, pages);
}

uint64_t
pmm_alloc_page(void)
{
	return pmm_alloc_contig(1, 1);
}

void
pmm_free_page(uint64_t pa)
{
	pmm_free_contig(pa, 1);
}

uint64_t
pmm_count_allocated(uint64_t pa, uint64_t pages)
{
	uint64_t flags = irq_save();
	uint64_t n = pmm_bitmap_count_allocated(&pmm, pa / PAGE_SIZE, pages);
	irq_restore(flags);
	return n;
}

uint64_t
pmm_free_pages(void)
{
	return pmm.free_pages;
}

uint64_t
pmm_total_pages(void)
{
	return pmm.usable_pages;
}
