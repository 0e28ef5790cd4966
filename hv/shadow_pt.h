/* Memory interposition, arch-neutral: the guest-physical to machine map is
 * the identity except the hypervisor's block, which the guest never reaches.
 * In shadow mode the CPU runs on shadow tables built here from the guest's
 * (a virtual TLB: filled on a miss, flushed on CR3 loads and INVLPG, in the
 * manner of NOVA's vtlb); in none mode the guest's tables are used as they
 * are (the teaching baseline: no isolation). The backend reports CR3 loads,
 * INVLPG and page faults and loads what comes back. */
#ifndef HV_SHADOW_PT_H
#define HV_SHADOW_PT_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/abi.h"
#include "kernel/pt_walk.h"

/* Starts interposition in mode (HV_MEM_*) with the guest running on guest_cr3:
 * the page pool from the heap, an empty shadow. */
void shadow_pt_init(uint32_t mode, uint64_t guest_cr3);

/* RETURNS: the mode shadow_pt_init was given. */
uint32_t shadow_pt_mode(void);

/* The guest loads CR3 (MOV to CR3, task switch); pge is its CR4.PGE.
 * RETURNS: 0 and in *cpu_cr3 what the CPU must run on; -EPERM when the new
 * tables lie in the hypervisor's block (the load is refused: #GP(0), as for
 * a CR3 with reserved bits; the old CR3 stays). */
int shadow_pt_cr3_load(uint64_t guest_cr3, bool pge, uint64_t *cpu_cr3);

/* RETURNS: the CR3 the guest believes it has (MOV from CR3, devirtualize, guest memory access). */
uint64_t shadow_pt_guest_cr3(void);

/* RETURNS: what the CPU runs on now. */
uint64_t shadow_pt_cpu_cr3(void);

/* The guest executed INVLPG va. */
void shadow_pt_invlpg(uint64_t va);

/* A page fault at va with the CPU's error code; wp, nxe and pge are the
 * guest's CR0.WP, EFER.NXE and CR4.PGE.
 * RETURNS: 0 when it was a shadow miss, now filled (resume the guest);
 * -EFAULT when the guest must take #PF at va with error code *inject. */
int shadow_pt_fault(uint64_t va, uint32_t error, bool wp, bool nxe, bool pge, uint32_t *inject);

/* Devirtualizing: every shadow page goes back to the pool. */
void shadow_pt_release(void);

/* RETURNS: the counters since shadow_pt_init. */
const struct hv_mem_stats *shadow_pt_stats(void);

#endif
