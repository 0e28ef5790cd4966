/* Per-exit tracing and error origins. The default build links
 * hv/trace/silent.c (the exit path stays silent; the last 64 exits are still
 * kept by stats for hv_panic); TRACE=1 links hv/trace/print.c, which prints
 * one line per exit for tools/trace-report.sh to join with Bochs' log, and
 * the file and line of every error a hypervisor function returns. */
#ifndef HV_TRACE_H
#define HV_TRACE_H

#include <stdbool.h>
#include <stdint.h>

/* One exit: the backend's raw reason, its detail word (VMX: the exit
 * qualification) and the guest RIP. */
void trace_exit(uint32_t reason, uint64_t detail, uint64_t guest_rip);

/* An interrupt of an emulated device: the real one taken by the
 * hypervisor's driver (taken), or the OS's vector raised from the model. */
void trace_irq(unsigned irq, uint8_t vector, bool taken);
/* A device interrupt the hypervisor's own driver took (hv/hcdev.c):
 * forwarded when the OS gets the vector, else it ended at the PIC. */
void trace_device_irq(uint8_t vector, bool forwarded);

/* RETURNS: err, unchanged; TRACE=1 builds first print where it came from. */
int trace_error(int err, const char *file, int line);

/* Every error return in hv/ goes through this, at the place the error is
 * found (Jailhouse's trace_error()): return trace_err(-EINVAL); */
#define trace_err(err) trace_error((err), __FILE__, __LINE__)

#endif
