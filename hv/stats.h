/* What the hypervisor counts: exits per reason, interrupts per vector, TSC
 * spent handling exits, and a ring of the last exits for hv_panic(). */
#ifndef HV_STATS_H
#define HV_STATS_H

#include <stdint.h>
#include "hv/abi.h"

#define STATS_RING 64

struct exit_record {
	uint32_t reason;
	uint64_t qualification;
	uint64_t guest_rip;
	uint64_t tsc;
};

/* Starts a new interpose: clears the counters and the ring, keeps `interposes`. */
void stats_reset(void);
void stats_set_interpose_cost(uint64_t tsc);
void stats_exit(uint32_t reason, uint64_t qualification, uint64_t guest_rip, uint64_t tsc);
void stats_interrupt(uint8_t vector);
void stats_add_hv_time(uint64_t tsc);

/* RETURNS: the counters (read-only). */
const struct hv_stats *stats_get(void);

/* Prints the ring, oldest first, with exit names from name(reason). */
void stats_dump_ring(const char *(*name)(uint32_t reason));

#endif
