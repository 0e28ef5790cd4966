/* SOURCES: kernel/pt_walk.c kernel/va.c hv/shadow_entry.c */
/* Random guest tables, addresses, accesses and modes: the walk never reads
 * outside the tables, never reads a refused frame, and the shadow entry never
 * maps the block nor grants more than every level of the guest's tables. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hv/shadow_entry.h"
#include "kernel/errno.h"

#define FRAMES 8
static uint64_t mem[FRAMES][512];
static unsigned refused;

/* Frame i is "physical" i * 4 KiB; the refused one plays the hypervisor's block. */
static uint64_t *
table(uint64_t pa)
{
	uint64_t i = pa / 4096;
	if (pa % 4096 || i >= FRAMES || i == refused)
		return NULL;
	return mem[i];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 16 + 8)
		return 0;
	uint64_t va, ctl;
	memcpy(&va, data, 8);
	memcpy(&ctl, data + 8, 8);
	memset(mem, 0, sizeof(mem));
	/* The rest fills table entries; frame numbers folded into the small memory
	 * so walks go somewhere, other bits kept as random as they came. */
	size_t n = (size - 16) / 8;
	for (size_t k = 0; k < n && k < FRAMES * 512; k++) {
		uint64_t e;
		memcpy(&e, data + 16 + 8 * k, 8);
		if (!(ctl & (1ULL << 20)))
			e = (e & ~PTE_ADDR_MASK) | ((e >> 12) % FRAMES) << 12;
		mem[(k / 7) % FRAMES][(k * 73 + (k / 7)) % 512] = e;
	}
	refused = (unsigned)(ctl >> 8) % FRAMES;
	struct pt_mode m = { .wp = ctl & 1, .nxe = ctl & 2, .page1gb = ctl & 4, .maxphyaddr = 32 + (ctl >> 3) % 21 };
	uint32_t access = (uint32_t)(ctl >> 32) & (PF_WRITE | PF_USER | PF_FETCH);
	uint64_t cr3 = ((ctl >> 40) % FRAMES) << 12;
	struct pt_walk w;
	int err = pt_walk(cr3, va, access, &m, table, &w);
	if (err == -EINVAL)
		return 0;
	if (err == -EFAULT) {
		if ((w.error & ~(uint32_t)(PF_PRESENT | PF_RSVD)) != (access & (m.nxe ? 0x16u : 0x6u)))
			abort();
		return 0;
	}
	if (err != 0 || w.level < 1 || w.level > 3)
		abort();
	/* Rights again, from the entries the walk says it used. */
	bool wr = true, us = true, x = true;
	for (int l = 4; l >= w.level; l--) {
		uint64_t e = *w.entry[l];
		if (!(e & PTE_PRESENT))
			abort();
		wr = wr && (e & PTE_WRITE);
		us = us && (e & PTE_USER);
		x = x && !(m.nxe && (e & PTE_NX));
	}
	if (wr != w.writable || us != w.user || x != w.executable)
		abort();
	struct shadow_block block = { .pa = (uint64_t)refused << 12, .size = 4096 };
	uint64_t pte, sz;
	if (shadow_entry(&w, access, &m, ctl & 8, &block, &pte, &sz)) {
		if (!((w.pa >> 12) == refused))
			abort();
		return 0;
	}
	uint64_t frame = pte & PTE_ADDR_MASK & ~(sz - 1);
	if (frame < block.pa + block.size && block.pa < frame + sz)
		abort();
	if (frame + (va & (sz - 1)) != w.pa)
		abort();
	if ((pte & PTE_USER) && !us)
		abort();
	if ((pte & PTE_WRITE) && !wr && !(!m.wp && !(pte & PTE_USER)))
		abort();
	if (!(pte & PTE_NX) && !x && m.nxe)
		abort();
	if ((pte & PTE_NX) && !m.nxe)
		abort();
	return 0;
}
