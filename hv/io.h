/* Port I/O the core intercepts: the power-off ports (so the hypervisor can
 * say the OS powered off under it) and, while emulated, the devices'
 * ports (hv/emulate.c). Everything else passes through. */
#ifndef HV_IO_H
#define HV_IO_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/regs.h"

/* Calls intercept(port) for every port whose accesses must exit at the
 * interpose; the backend sets its I/O bitmap from these. */
void io_intercepts(void (*intercept)(uint16_t port));

/* The guest ran IN or OUT (not string I/O) of size 1, 2 or 4 bytes on an
 * intercepted port: done for it exactly as asked, RAX updated for IN, and
 * the instruction completed. RETURNS: true (resume the guest). */
bool io_exit(struct hv_regs *r, uint16_t port, unsigned size, bool in);

/* What the backend decodes of INS/OUTS beyond port, size and direction. */
struct io_string {
	uint64_t linear;	/* guest-linear address of the first element */
	uint64_t addr_mask;	/* the address size: 0xFFFF, 0xFFFFFFFF or ~0 */
	bool rep;		/* REP prefix: RCX (masked) elements */
	bool down;		/* RFLAGS.DF: addresses go down */
};

/* The guest ran INS or OUTS (with or without REP) on an intercepted port.
 * Up to 1 KiB moves per exit (a whole sector in one); RDI or RSI and RCX
 * advance as the CPU would, and the instruction completes when RCX reaches 0,
 * else it runs again for the rest. The buffer is checked as the CPU checks
 * it, element by element: the elements before one the guest may not access
 * (not mapped, read-only for INS, the hypervisor's) move; that one gets #PF
 * at its first inaccessible byte with the walk's error code, or #GP(0) when
 * not canonical, before its port access. RETURNS: true (resume the guest). */
bool io_string_exit(struct hv_regs *r, uint16_t port, unsigned size, bool in, const struct io_string *s);

#endif
