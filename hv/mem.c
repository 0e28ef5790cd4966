/* Hypervisor memory. The host page tables (SDM Vol. 3A §4.5 "4-Level
 * Paging") live in the heap and are rebuilt on every interpose, so a loaded
 * image can be moved to another block between runs. */
#include "hv/mem.h"
#include "hv/abi.h"
#include "hv/panic.h"
#include "hv/trace.h"
#include "kernel/errno.h"
#include "kernel/pt_walk.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define IDENTITY_LIMIT (4ULL << 30)
#define CPUID_80000001_EDX_PAGE1GB (1u << 26)

extern char hv_image_start[], hv_bss_end[];

static uint64_t block_pa, block_size;
static char *heap_next, *heap_end;
static uint64_t *pml4;

void *
mem_alloc_page(void)
{
	if (heap_next + HV_PAGE_SIZE > heap_end)
		hv_panic("heap exhausted");
	void *p = (void *)heap_next;
	heap_next += HV_PAGE_SIZE;
	memset(p, 0, HV_PAGE_SIZE);
	return p;
}

uint64_t
mem_pa(const void *va)
{
	return (uint64_t)va - HV_LINK_BASE + block_pa;
}

void *
mem_va(uint64_t pa)
{
	return (void *)(pa - block_pa + HV_LINK_BASE);
}

void
mem_block(uint64_t *pa, uint64_t *size)
{
	*pa = block_pa;
	*size = block_size;
}

uint64_t
mem_cr3(void)
{
	return mem_pa(pml4);
}

static uint64_t *
table_at(uint64_t *entry)
{
	if (!(*entry & PTE_PRESENT)) {
		uint64_t *t = mem_alloc_page();
		*entry = mem_pa(t) | PTE_PRESENT | PTE_WRITE;
		return t;
	}
	/* A table made here: its physical address is in the hypervisor block. */
	return mem_va(*entry & PTE_ADDR_MASK);
}

static void
map_page(uint64_t va, uint64_t pa)
{
	uint64_t *pdpt = table_at(&pml4[(va >> 39) & 511]);
	uint64_t *pd = table_at(&pdpt[(va >> 30) & 511]);
	uint64_t *pt = table_at(&pd[(va >> 21) & 511]);
	pt[(va >> 12) & 511] = pa | PTE_PRESENT | PTE_WRITE;
}

int
mem_init(uint64_t phys_base, uint64_t phys_size)
{
	uint64_t need = (uint64_t)(hv_bss_end - hv_image_start);
	if (phys_base % HV_PAGE_SIZE || phys_size % HV_PAGE_SIZE || phys_size <= need ||
	    phys_base + phys_size > IDENTITY_LIMIT)
		return trace_err(-EINVAL);
	block_pa = phys_base;
	block_size = phys_size;
	heap_next = hv_bss_end;
	heap_end = hv_image_start + phys_size;
	pml4 = mem_alloc_page();
	/* Physical memory: guest memory, the OS's tables, MMIO. 1 GiB pages where
	 * the CPU has them (CPUID.80000001H:EDX.Page1GB[bit 26]) make it four
	 * entries instead of 2048. */
	uint64_t *pdpt = table_at(&pml4[0]);
	uint32_t a, b, c, d;
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	if (d & CPUID_80000001_EDX_PAGE1GB) {
		for (uint64_t pa = 0; pa < IDENTITY_LIMIT; pa += PAGE_SIZE_1G)
			pdpt[pa / PAGE_SIZE_1G] = pa | PTE_PRESENT | PTE_WRITE | PTE_LARGE;
	} else {
		for (uint64_t pa = 0; pa < IDENTITY_LIMIT; pa += PAGE_SIZE_2M) {
			uint64_t *pd = table_at(&pdpt[pa / PAGE_SIZE_1G]);
			pd[(pa >> 21) & 511] = pa | PTE_PRESENT | PTE_WRITE | PTE_LARGE;
		}
	}
	for (uint64_t off = 0; off < phys_size; off += HV_PAGE_SIZE)
		map_page(HV_LINK_BASE + off, phys_base + off);
	return 0;
}

bool
mem_in_block(uint64_t pa)
{
	return pa >= block_pa && pa - block_pa < block_size;
}

uint64_t *
mem_guest_table(uint64_t pa)
{
	if (pa >= IDENTITY_LIMIT || mem_in_block(pa))
		return NULL;
	return (uint64_t *)pa;
}

/* The mode for accesses the hypervisor makes for the guest (hypercall
 * buffers): lenient on what the mode changes (NX, the physical width), only
 * presence and R/W matter. A physical address past the identity map faults
 * anyway (mem_guest_table), so a wide MAXPHYADDR gives the same verdict. */
static const struct pt_mode lenient = { .wp = true, .nxe = true, .page1gb = true, .maxphyaddr = 52 };

/* The guest's translation of va as the CPU would walk it (kernel/pt_walk.c),
 * accessed and dirty bits set. */
static int
guest_translate(uint64_t cr3, const struct pt_mode *m, uint64_t va, uint32_t access, uint64_t *pa)
{
	struct pt_walk w;
	if (pt_walk(cr3, va, access, m, mem_guest_table, &w))
		return trace_err(-EFAULT);
	if (!mem_guest_table(w.pa & ~(HV_PAGE_SIZE - 1)))
		return trace_err(-EFAULT);
	pt_walk_mark(&w, access);
	*pa = w.pa;
	return 0;
}

/* One page at a time: each may map anywhere. */
static int
copy_guest(uint64_t cr3, const struct pt_mode *m, uint64_t va, char *buf, uint64_t len, uint32_t access)
{
	while (len) {
		uint64_t pa = 0, chunk = HV_PAGE_SIZE - (va & (HV_PAGE_SIZE - 1));
		if (chunk > len)
			chunk = len;
		int err = guest_translate(cr3, m, va, access, &pa);
		if (err)
			return err;
		if (access & PF_WRITE)
			memcpy((void *)pa, buf, chunk);
		else
			memcpy(buf, (const void *)pa, chunk);
		buf += chunk;
		va += chunk;
		len -= chunk;
	}
	return 0;
}

int
mem_copy_to_guest(uint64_t guest_cr3, uint64_t va, const void *src, uint64_t len)
{
	return copy_guest(guest_cr3, &lenient, va, (char *)src, len, PF_WRITE);
}

int
mem_copy_from_guest(uint64_t guest_cr3, void *dst, uint64_t va, uint64_t len)
{
	return copy_guest(guest_cr3, &lenient, va, dst, len, 0);
}

static struct pt_mode
guest_mode(const struct mem_guest_access *a)
{
	struct pt_mode m = lenient;
	m.wp = a->wp;
	m.nxe = a->nxe;
	return m;
}

int
mem_guest_span(const struct mem_guest_access *a, uint64_t va, uint64_t len, uint64_t *done, uint32_t *error)
{
	struct pt_mode m = guest_mode(a);
	return pt_walk_span(a->cr3, va, len, a->kind, &m, mem_guest_table, done, error);
}

int
mem_guest_copy(const struct mem_guest_access *a, uint64_t va, void *buf, uint64_t len)
{
	struct pt_mode m = guest_mode(a);
	return copy_guest(a->cr3, &m, va, buf, len, a->kind);
}
