/* The guest page-table frames the shadow cache write-protects: every frame a
 * shadow entry was derived from, so a guest edit of it faults and the
 * shadows derived from it are dropped before the edit (hv/shadow_pt.c holds
 * the policy). Per frame it remembers which part of the address space the
 * frame translates (so a zap drops only that part) and, once the guest has
 * written it, whether a shadow maps it writable. A bounded set: when it is
 * full the caller drops every shadow and resets it. */
#ifndef HV_SHADOW_WP_H
#define HV_SHADOW_WP_H

#include <stdbool.h>
#include <stdint.h>

enum shadow_wp_state {
	SHADOW_WP_UNKNOWN,	/* never seen: some shadow may map it writable */
	SHADOW_WP_PROTECTED,	/* no shadow maps it writable */
	SHADOW_WP_RELEASED,	/* the guest wrote it; no shadow maps it writable */
	SHADOW_WP_WRITABLE,	/* the guest wrote it; a shadow maps it writable */
};

/* What a protected frame translates. */
struct shadow_wp_use {
	uint64_t base;		/* first address it translates, as a table of `level` */
	int level;		/* 4 = PML4 ... 1 = page table */
	bool many;		/* seen at more than one (base, level): its shadows are anywhere */
};

/* Empties the set. */
void shadow_wp_reset(void);

/* RETURNS: the state of the frame at pa (4 KiB aligned). */
enum shadow_wp_state shadow_wp_state(uint64_t pa);

/* Protects the frame at pa, used as a table of `level` to translate base
 * (a frame already protected adds the use).
 * RETURNS: 0; -ENOSPC when the set is full. */
int shadow_wp_protect(uint64_t pa, uint64_t base, int level);

/* Stops protecting the frame at pa (the guest writes it).
 * RETURNS: true and *use when it was protected. */
bool shadow_wp_release(uint64_t pa, struct shadow_wp_use *use);

/* Notes that a shadow now maps the frame at pa writable (when it is in the set). */
void shadow_wp_mapped(uint64_t pa);

/* Every shadow was dropped: no frame is mapped writable any more. */
void shadow_wp_unmap_all(void);

/* RETURNS: true when some protected frame may lie in the 2 MiB at base
 * (an over-approximation: then the shadow maps those 2 MiB in 4 KiB pages). */
bool shadow_wp_in_2m(uint64_t base);

#endif
