/* Port I/O the core intercepts. Today only the power-off ports (so the
 * hypervisor can say the OS powered off under it); device models add their
 * ports here. Everything else passes through. */
#ifndef HV_IO_H
#define HV_IO_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/regs.h"

/* Calls intercept(port) for every port whose accesses must exit; the
 * backend sets its I/O bitmap from these. */
void io_intercepts(void (*intercept)(uint16_t port));

/* The guest ran IN or OUT (not string I/O) of size 1, 2 or 4 bytes on an
 * intercepted port: done for it exactly as asked, RAX updated for IN, and
 * the instruction completed. RETURNS: true (resume the guest). */
bool io_exit(struct hv_regs *r, uint16_t port, unsigned size, bool in);

#endif
