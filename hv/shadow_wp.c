/* Open-addressed sets in the hypervisor's bss, keyed by frame. A frame the
 * guest writes stays in its slot (no deletion, so probe chains stay intact);
 * its 2 MiB region stays marked until the next reset, which only costs 4 KiB
 * shadow pages there. */
#include "hv/shadow_wp.h"
#include "kernel/errno.h"
#include "kernel/pt.h"
#include <stddef.h>

#define FRAME_SLOTS 1024
#define REGION_SLOTS 256

struct slot {
	uint64_t pa;
	bool used;
	enum shadow_wp_state state;
	struct shadow_wp_use use;
};

static struct slot frames[FRAME_SLOTS];
static struct slot regions[REGION_SLOTS];	/* pa: a 2 MiB base */

/* RETURNS: the slot holding key (an aligned address) or the empty slot where
 * it would go; NULL when the set is full and key is not in it. */
static struct slot *
slot_of(struct slot *set, unsigned slots, uint64_t key)
{
	unsigned i = (unsigned)(((key >> 12) * 0x9E3779B97F4A7C15ULL) >> 40) & (slots - 1);
	for (unsigned n = 0; n < slots; n++, i = (i + 1) & (slots - 1))
		if (!set[i].used || set[i].pa == key)
			return &set[i];
	return NULL;
}

static struct slot *
frame_of(uint64_t pa)
{
	struct slot *s = slot_of(frames, FRAME_SLOTS, pa);
	return s && s->used ? s : NULL;
}

void
shadow_wp_reset(void)
{
	for (unsigned i = 0; i < FRAME_SLOTS; i++)
		frames[i].used = false;
	for (unsigned i = 0; i < REGION_SLOTS; i++)
		regions[i].used = false;
}

enum shadow_wp_state
shadow_wp_state(uint64_t pa)
{
	struct slot *f = frame_of(pa);
	return f ? f->state : SHADOW_WP_UNKNOWN;
}

int
shadow_wp_protect(uint64_t pa, uint64_t base, int level)
{
	struct slot *f = slot_of(frames, FRAME_SLOTS, pa);
	uint64_t big = pa & ~(uint64_t)(PAGE_SIZE_2M - 1);
	struct slot *r = slot_of(regions, REGION_SLOTS, big);
	if (!f || !r)
		return -ENOSPC;
	*r = (struct slot){ .pa = big, .used = true };
	if (f->used && f->state == SHADOW_WP_PROTECTED) {
		if (f->use.base != base || f->use.level != level)
			f->use.many = true;
		return 0;
	}
	*f = (struct slot){ .pa = pa, .used = true, .state = SHADOW_WP_PROTECTED,
			    .use = { .base = base, .level = level } };
	return 0;
}

bool
shadow_wp_release(uint64_t pa, struct shadow_wp_use *use)
{
	struct slot *f = frame_of(pa);
	if (!f || f->state != SHADOW_WP_PROTECTED)
		return false;
	*use = f->use;
	f->state = SHADOW_WP_RELEASED;
	return true;
}

void
shadow_wp_mapped(uint64_t pa)
{
	struct slot *f = frame_of(pa);
	if (f && f->state == SHADOW_WP_RELEASED)
		f->state = SHADOW_WP_WRITABLE;
}

void
shadow_wp_unmap_all(void)
{
	for (unsigned i = 0; i < FRAME_SLOTS; i++)
		if (frames[i].used && frames[i].state == SHADOW_WP_WRITABLE)
			frames[i].state = SHADOW_WP_RELEASED;
}

bool
shadow_wp_in_2m(uint64_t base)
{
	struct slot *r = slot_of(regions, REGION_SLOTS, base);
	return r && r->used;
}
