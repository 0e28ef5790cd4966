/* Physical page allocator: 4 KiB pages of the RAM the multiboot2 memory map
 * reports, minus the low 1 MiB, the kernel image, the boot modules and the
 * boot information. Pages are identity mapped, so a physical address is also a
 * kernel pointer. Safe to call with interrupts on or off. */
#ifndef GUESTOS_PMM_H
#define GUESTOS_PMM_H

#include <stdint.h>
#include "kernel/multiboot2.h"

#define PAGE_SIZE 4096UL
#define PAGE_SHIFT 12

/* Physical memory the allocator covers (what boot/entry.S identity-maps). */
#define PMM_MAX_PHYS (4ULL << 30)

void pmm_init(const struct mb2_info *info);

/* RETURNS: the physical address of a page (contents undefined), or 0 when none is free. */
uint64_t pmm_alloc_page(void);

/* Panics when pa was not allocated (double free, reserved or foreign page). */
void pmm_free_page(uint64_t pa);

/* RETURNS: the physical address of `pages` contiguous pages starting at a
 * multiple of align_pages * 4 KiB (contents undefined), or 0. */
uint64_t pmm_alloc_contig(uint64_t pages, uint64_t align_pages);

/* Frees a run from pmm_alloc_contig (or any allocated pages); panics as pmm_free_page. */
void pmm_free_contig(uint64_t pa, uint64_t pages);

/* RETURNS: pages free now / pages the allocator manages. */
uint64_t pmm_free_pages(void);
/* RETURNS: how many pages of [pa, pa + pages * 4 KiB) are allocated: after
 * freeing a block, the ones that leaked, whatever else ran meanwhile. */
uint64_t pmm_count_allocated(uint64_t pa, uint64_t pages);
uint64_t pmm_total_pages(void);

#endif
