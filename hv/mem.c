/* Hypervisor memory. The host page tables (SDM Vol. 3A §4.5 "4-Level
 * Paging") live in the heap and are rebuilt on every interpose, so a loaded
 * image can be moved to another block between runs. */
#include "hv/mem.h"
#include "hv/abi.h"
#include "hv/panic.h"
#include "hv/trace.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define PTE_P 0x1ULL
#define PTE_W 0x2ULL
#define PTE_U 0x4ULL
#define PTE_PS 0x80ULL
#define PTE_ADDR 0x000FFFFFFFFFF000ULL
#define IDENTITY_LIMIT (4ULL << 30)
#define LARGE_2M (2ULL << 20)
#define LARGE_1G (1ULL << 30)
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
	/* Word stores: a byte-wise memset made these pages most of the interpose cost. */
	uint64_t *p = (uint64_t *)heap_next;
	heap_next += HV_PAGE_SIZE;
	for (unsigned i = 0; i < HV_PAGE_SIZE / sizeof(*p); i++)
		p[i] = 0;
	return p;
}

uint64_t
mem_pa(const void *va)
{
	return (uint64_t)va - HV_LINK_BASE + block_pa;
}

uint64_t
mem_cr3(void)
{
	return mem_pa(pml4);
}

static uint64_t *
table_at(uint64_t *entry)
{
	if (!(*entry & PTE_P)) {
		uint64_t *t = mem_alloc_page();
		*entry = mem_pa(t) | PTE_P | PTE_W;
		return t;
	}
	/* A table made here: its physical address is in the hypervisor block. */
	return (uint64_t *)((*entry & PTE_ADDR) - block_pa + HV_LINK_BASE);
}

static void
map_page(uint64_t va, uint64_t pa)
{
	uint64_t *pdpt = table_at(&pml4[(va >> 39) & 511]);
	uint64_t *pd = table_at(&pdpt[(va >> 30) & 511]);
	uint64_t *pt = table_at(&pd[(va >> 21) & 511]);
	pt[(va >> 12) & 511] = pa | PTE_P | PTE_W;
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
		for (uint64_t pa = 0; pa < IDENTITY_LIMIT; pa += LARGE_1G)
			pdpt[pa / LARGE_1G] = pa | PTE_P | PTE_W | PTE_PS;
	} else {
		for (uint64_t pa = 0; pa < IDENTITY_LIMIT; pa += LARGE_2M) {
			uint64_t *pd = table_at(&pdpt[pa / LARGE_1G]);
			pd[(pa >> 21) & 511] = pa | PTE_P | PTE_W | PTE_PS;
		}
	}
	for (uint64_t off = 0; off < phys_size; off += HV_PAGE_SIZE)
		map_page(HV_LINK_BASE + off, phys_base + off);
	return 0;
}

/* Walks the guest's 4-level tables (SDM Vol. 3A §4.5.4 "Linear-Address
 * Translation with 4-Level Paging"), with 1 GiB and 2 MiB pages. */
static int
guest_translate(uint64_t cr3, uint64_t va, int write, uint64_t *pa)
{
	/* Canonical: bits 63:47 all equal (SDM Vol. 1 §3.3.7.1 "Canonical Addressing"). */
	if ((uint64_t)((int64_t)(va << 16) >> 16) != va)
		return trace_err(-EFAULT);
	uint64_t table = cr3 & PTE_ADDR;
	for (int level = 3; level >= 0; level--) {
		if (table >= IDENTITY_LIMIT)
			return trace_err(-EFAULT);
		uint64_t e = ((const uint64_t *)table)[(va >> (12 + 9 * level)) & 511];
		if (!(e & PTE_P) || (write && !(e & PTE_W)))
			return trace_err(-EFAULT);
		if (level == 0 || ((level == 1 || level == 2) && (e & PTE_PS))) {
			uint64_t size = 1ULL << (12 + 9 * level);
			uint64_t frame = e & PTE_ADDR & ~(size - 1);
			*pa = frame | (va & (size - 1));
			break;
		}
		table = e & PTE_ADDR;
	}
	if (*pa >= IDENTITY_LIMIT || (*pa >= block_pa && *pa < block_pa + block_size))
		return trace_err(-EFAULT);
	return 0;
}

int
mem_copy_to_guest(uint64_t guest_cr3, uint64_t va, const void *src, uint64_t len)
{
	const char *s = src;
	while (len) {
		uint64_t pa, chunk = HV_PAGE_SIZE - (va & (HV_PAGE_SIZE - 1));
		if (chunk > len)
			chunk = len;
		int err = guest_translate(guest_cr3, va, 1, &pa);
		if (err)
			return err;
		memcpy((void *)pa, s, chunk);
		s += chunk;
		va += chunk;
		len -= chunk;
	}
	return 0;
}

int
mem_copy_from_guest(uint64_t guest_cr3, void *dst, uint64_t va, uint64_t len)
{
	char *d = dst;
	while (len) {
		uint64_t pa, chunk = HV_PAGE_SIZE - (va & (HV_PAGE_SIZE - 1));
		if (chunk > len)
			chunk = len;
		int err = guest_translate(guest_cr3, va, 0, &pa);
		if (err)
			return err;
		memcpy(d, (const void *)pa, chunk);
		d += chunk;
		va += chunk;
		len -= chunk;
	}
	return 0;
}
