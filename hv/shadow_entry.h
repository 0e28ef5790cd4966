/* The shadow entry for one guest translation: what the CPU may use while the
 * guest's tables say what they say. Pure (no hypervisor state), so the host
 * unit test and the fuzzer link it. */
#ifndef HV_SHADOW_ENTRY_H
#define HV_SHADOW_ENTRY_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/pt_walk.h"

/* The machine frames the guest must never reach: the hypervisor's block. */
struct shadow_block {
	uint64_t pa, size;
};

/* Computes the shadow leaf for the address of the guest's successful walk w of an
 * access of kind `access` (PF_* bits) in mode m: never more rights than the
 * guest's tables give, writable only once the guest's leaf is dirty (so the
 * first write faults and sets D), global only with CR4.PGE (pge). A 2 MiB
 * shadow page where the guest's page is at least that big and the 2 MiB do
 * not touch the block, else 4 KiB.
 * RETURNS: 0 with *pte and *size (PAGE_SIZE_4K or PAGE_SIZE_2M); -EPERM when
 * the guest's frame lies in the block (nothing may map it). */
int shadow_entry(const struct pt_walk *w, uint32_t access, const struct pt_mode *m, bool pge,
		 const struct shadow_block *block, uint64_t *pte, uint64_t *size);

#endif
