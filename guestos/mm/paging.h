/* The kernel's own 4-level page tables and the per-task address spaces.
 *
 * Every address space (a PML4) shares two kernel entries:
 *   PML4[0]   identity map of physical 0-4 GiB, supervisor only, 2 MiB pages
 *             (the first 2 MiB in 4 KiB pages so page 0 stays unmapped and
 *             NULL dereferences fault);
 *   PML4[511] a PDPT allocated at init for the hypervisor image
 *             (paging_map_kernel), so its mappings appear in every space.
 * User pages live in PML4[1] (USER_BASE .. USER_END) and belong to one space. */
#ifndef GUESTOS_PAGING_H
#define GUESTOS_PAGING_H

#include <stdint.h>
#include "kernel/pt_walk.h"

#define USER_BASE 0x0000008000000000ULL
#define USER_END 0x0000010000000000ULL
#define KERNEL_HIGH_BASE 0xFFFFFF8000000000ULL

/* Builds the kernel tables, turns on EFER.NXE and switches CR3 to them. */
void paging_init(void);

/* RETURNS: the physical address of the kernel's PML4 (kernel threads run on it). */
uint64_t paging_kernel_space(void);

/* Maps `pages` 4 KiB pages va -> pa in PML4[511], visible in every space.
 * flags: any of PTE_WRITE, PTE_NX, PTE_GLOBAL (present is implied).
 * RETURNS: 0; -EINVAL for a misaligned or out-of-range va/pa, other flags, or a
 * page already mapped; -ENOMEM (nothing left mapped or allocated). */
int paging_map_kernel(uint64_t va, uint64_t pa, uint64_t pages, uint64_t flags);

/* Unmaps pages mapped by paging_map_kernel, invalidates their TLB entries and
 * frees page tables left empty. RETURNS: 0, or -EINVAL (a page was not mapped;
 * the others are still unmapped). */
int paging_unmap_kernel(uint64_t va, uint64_t pages);

/* RETURNS: the physical address of a new PML4 with the kernel entries and no
 * user pages, or 0 when out of memory. */
uint64_t paging_create_space(void);

/* Maps one 4 KiB page at user address va (USER_BASE..USER_END) to pa.
 * flags: PTE_WRITE, PTE_NX, PTE_SHARED (the frame is not freed with the space);
 * user and present are implied. RETURNS: 0, -EINVAL, or -ENOMEM. */
int paging_map_user(uint64_t space, uint64_t va, uint64_t pa, uint64_t flags);

/* Frees every user page not marked PTE_SHARED, every user page table and the
 * PML4. The space must not be the current CR3. */
void paging_destroy_space(uint64_t space);

/* Looks up va in `space` as a supervisor read would see it (rights in *out).
 * RETURNS: 0, or -EFAULT (not mapped) / -EINVAL (not canonical) as pt_walk(). */
int paging_translate(uint64_t space, uint64_t va, struct pt_walk *out);

#endif
