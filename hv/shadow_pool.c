/* A stack of free pages plus the list of all of them, so that dropping every
 * shadow at once needs no walk of the shadow tables. */
#include "hv/shadow_pool.h"
#include "hv/mem.h"
#include "kernel/pt.h"
#include <stddef.h>

static uint64_t *pool[SHADOW_POOL_PAGES];
static uint64_t *pages[SHADOW_POOL_PAGES];
static unsigned nfree;

void
shadow_pool_init(void)
{
	for (unsigned i = 0; i < SHADOW_POOL_PAGES; i++)
		pages[i] = mem_alloc_page();
	shadow_pool_reset();
}

uint64_t *
shadow_pool_get(void)
{
	if (!nfree)
		return NULL;
	uint64_t *t = pool[--nfree];
	for (unsigned i = 0; i < 512; i++)
		t[i] = 0;
	return t;
}

void
shadow_pool_put(uint64_t *t)
{
	pool[nfree++] = t;
}

void
shadow_pool_reset(void)
{
	for (nfree = 0; nfree < SHADOW_POOL_PAGES; nfree++)
		pool[nfree] = pages[nfree];
}

unsigned
shadow_pool_free(void)
{
	return nfree;
}

uint64_t *
shadow_pool_table(uint64_t e)
{
	return mem_va(e & PTE_ADDR_MASK);
}

bool
shadow_pool_flush(uint64_t *t, int level, bool keep_global)
{
	bool empty = true;
	for (unsigned i = 0; i < 512; i++) {
		uint64_t e = t[i];
		if (!(e & PTE_PRESENT))
			continue;
		bool leaf = level == 1 || (e & PTE_LARGE);
		if (leaf ? !(keep_global && (e & PTE_GLOBAL))
			 : shadow_pool_flush(shadow_pool_table(e), level - 1, keep_global)) {
			if (!leaf)
				shadow_pool_put(shadow_pool_table(e));
			t[i] = 0;
		} else {
			empty = false;
		}
	}
	return empty;
}
