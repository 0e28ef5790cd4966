/* What the hypervisor counts: exits per named event (enum hv_event in
 * hv/abi.h), interrupts per vector, TSC spent handling exits, and a ring of
 * the last exits, with the backend's raw reasons, for hv_panic(). */
#ifndef HV_STATS_H
#define HV_STATS_H

#include <stdint.h>
#include "hv/abi.h"

#define STATS_RING 64

struct exit_record {
	uint32_t reason;	/* the backend's own exit reason, named by arch_exit_name */
	uint32_t event;		/* enum hv_event */
	uint64_t detail;	/* the backend's detail word (VMX: exit qualification) */
	uint64_t guest_rip;
	uint64_t tsc;
};

/* Starts a new interpose: clears the counters and the ring, keeps `interposes`. */
void stats_reset(void);
void stats_set_interpose_cost(uint64_t tsc);
/* One exit: counted under event, kept in the ring with the raw reason. */
void stats_exit(enum hv_event event, uint32_t reason, uint64_t detail, uint64_t guest_rip, uint64_t tsc);
void stats_interrupt(uint8_t vector);
void stats_add_hv_time(uint64_t tsc);

/* RETURNS: the counters (read-only). */
const struct hv_stats *stats_get(void);

/* Prints the ring, oldest first, with exit names from name(reason). */
void stats_dump_ring(const char *(*name)(uint32_t reason));

#endif
