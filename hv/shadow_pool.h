/* The pages shadow tables are made of: a fixed pool from the hypervisor's
 * heap, so a guest can never make the hypervisor allocate without bound. */
#ifndef HV_SHADOW_POOL_H
#define HV_SHADOW_POOL_H

#include <stdbool.h>
#include <stdint.h>

#define SHADOW_POOL_PAGES 128

/* Takes the pool's pages from the heap (once per interpose). */
void shadow_pool_init(void);

/* RETURNS: a zeroed page, or NULL when the pool is dry. */
uint64_t *shadow_pool_get(void);

/* Gives page t back. */
void shadow_pool_put(uint64_t *t);

/* Every page back at once (no shadow table is in use any more). */
void shadow_pool_reset(void);

/* RETURNS: pages free now. */
unsigned shadow_pool_free(void);

/* RETURNS: the shadow table entry e points to. */
uint64_t *shadow_pool_table(uint64_t e);

/* Drops the leaves of a shadow table at `level`, global ones kept when asked;
 * tables left empty go back to the pool. RETURNS: true when t is now empty. */
bool shadow_pool_flush(uint64_t *t, int level, bool keep_global);

#endif
