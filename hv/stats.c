/* Statistics. Counters live in the bss: a fresh image starts from zero, and
 * `hv on` after `hv off` of the same image starts a new interpose count. */
#include <stdbool.h>
#include "hv/stats.h"
#include "hv/emulate.h"
#include "hv/hcdev.h"
#include "hv/shadow_pt.h"
#include "hv/trace.h"
#include "kernel/console.h"
#include "kernel/string.h"

static struct hv_stats stats;
static struct exit_record ring[STATS_RING];
static unsigned ring_next;
/* An interpose counts once the guest runs: a failed attempt is none. */
static bool counted;

void
stats_reset(void)
{
	uint64_t interposes = stats.interposes;
	memset(&stats, 0, sizeof(stats));
	memset(ring, 0, sizeof(ring));
	ring_next = 0;
	stats.interposes = interposes;
	counted = false;
}

void
stats_set_interpose_cost(uint64_t tsc)
{
	stats.tsc_interpose = tsc;
}

void
stats_exit(enum hv_event event, uint32_t reason, uint64_t detail, uint64_t guest_rip, uint64_t tsc)
{
	/* The first exit after a successful VM entry: this interpose happened. */
	if (!counted) {
		counted = true;
		stats.interposes++;
	}
	stats.exits++;
	stats.event[event < HV_EVENTS ? event : HV_EVENT_OTHER]++;
	struct exit_record *r = &ring[ring_next++ % STATS_RING];
	r->reason = reason;
	r->event = event;
	r->detail = detail;
	r->guest_rip = guest_rip;
	r->tsc = tsc;
	trace_exit(reason, detail, guest_rip);
}

void
stats_interrupt(uint8_t vector)
{
	stats.interrupt_vector[vector]++;
}

void
stats_add_hv_time(uint64_t tsc)
{
	stats.tsc_in_hv += tsc;
}

const struct hv_stats *
stats_get(void)
{
	stats.mem = *shadow_pt_stats();
	const struct hv_dev_stats *d = emulate_stats();
	stats.dev[HV_DEV_STATS_UART] = d[HV_DEV_STATS_UART];
	stats.dev[HV_DEV_STATS_IDE] = d[HV_DEV_STATS_IDE];
	stats.hcdev = *hcdev_stats();
	return &stats;
}

void
stats_dump_ring(const char *(*name)(uint32_t reason))
{
	unsigned n = ring_next < STATS_RING ? ring_next : STATS_RING;
	kprintf("[hv] last %u of %u exits, oldest first:\n", n, ring_next);
	for (unsigned i = ring_next - n; i != ring_next; i++) {
		const struct exit_record *r = &ring[i % STATS_RING];
		kprintf("[hv]   #%u %s (%u) detail=%lx rip=%lx tsc=%lu\n", i, name(r->reason), r->reason,
			r->detail, r->guest_rip, r->tsc);
	}
}
