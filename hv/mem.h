/* The hypervisor's memory: the block the OS reserved (image, bss, heap), a
 * page allocator over the heap, the hypervisor's own page tables, and access
 * to guest memory by walking the guest's page tables. */
#ifndef HV_MEM_H
#define HV_MEM_H

#include <stdbool.h>
#include <stdint.h>

#define HV_PAGE_SIZE 4096ULL

/* Restarts the heap allocator and builds the page tables: physical memory
 * identity-mapped below 4 GiB, the block at HV_LINK_BASE.
 * RETURNS: 0, or -EINVAL when the block does not fit what the image needs. */
int mem_init(uint64_t phys_base, uint64_t phys_size);

/* RETURNS: a zeroed page of the heap; panics when the heap is exhausted. */
void *mem_alloc_page(void);

/* RETURNS: the physical address of a hypervisor address (image, bss, heap). */
uint64_t mem_pa(const void *va);

/* RETURNS: the CR3 value of the hypervisor's page tables. */
uint64_t mem_cr3(void);

/* RETURNS: the hypervisor address of physical pa inside the block. */
void *mem_va(uint64_t pa);

/* The block: *pa and *size. */
void mem_block(uint64_t *pa, uint64_t *size);

/* RETURNS: true when physical address pa lies in the hypervisor's block. */
bool mem_in_block(uint64_t pa);

/* The accessor for walks of guest tables (kernel/pt_walk.h).
 * RETURNS: a pointer to the guest table at pa, or NULL when pa is in the
 * hypervisor's block or above the identity map. */
uint64_t *mem_guest_table(uint64_t pa);

/* Copies between hypervisor memory and guest-virtual memory, translated by
 * the guest's page tables at guest_cr3; writes need every level writable.
 * RETURNS: 0, or -EFAULT when a page is not mapped (or read-only for a
 * write), lies above the identity map, or belongs to the hypervisor block. */
int mem_copy_to_guest(uint64_t guest_cr3, uint64_t va, const void *src, uint64_t len);
int mem_copy_from_guest(uint64_t guest_cr3, void *dst, uint64_t va, uint64_t len);

/* An access a guest instruction makes, checked as the CPU checks it: the
 * guest's CR0.WP and EFER.NXE, and its kind (PF_WRITE, PF_USER or'ed). */
struct mem_guest_access {
	uint64_t cr3;
	uint32_t kind;
	bool wp, nxe;
};

/* How far the access gets from va (kernel/pt_walk.h pt_walk_span): a page
 * in the hypervisor's block or above the identity map faults P|RSVD, as
 * under shadow paging or EPT.
 * RETURNS: 0 when all len bytes can be accessed; else -EFAULT (#PF with
 * error code *error) or -EINVAL (#GP(0): not canonical) for va + *done,
 * the first byte that cannot. */
int mem_guest_span(const struct mem_guest_access *a, uint64_t va, uint64_t len, uint64_t *done, uint32_t *error);

/* Copies len bytes that mem_guest_span allowed: into the guest from buf for
 * a write, from the guest into buf for a read, accessed and dirty bits set.
 * RETURNS: 0, or -EFAULT when a byte is not accessible after all. */
int mem_guest_copy(const struct mem_guest_access *a, uint64_t va, void *buf, uint64_t len);

#endif
