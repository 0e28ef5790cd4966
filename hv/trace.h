/* Per-exit tracing. The default build links hv/trace/silent.c (the exit path
 * stays silent; the last 64 exits are still kept by stats for hv_panic);
 * `make trace` links hv/trace/print.c, which prints one line per exit for
 * tools/trace-report.sh to join with Bochs' log. */
#ifndef HV_TRACE_H
#define HV_TRACE_H

#include <stdint.h>

void trace_exit(uint32_t reason, uint64_t qualification, uint64_t guest_rip);

#endif
