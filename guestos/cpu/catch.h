/* Kernel accesses that may fault, for peek, poke and the isolation suite: a
 * fault inside one of these resumes after it instead of panicking, with what
 * happened in catch_last. Interrupts should be off around them. */
#ifndef GUESTOS_CATCH_H
#define GUESTOS_CATCH_H

#include <stdint.h>

struct catch_info {
	uint64_t vector;	/* the exception (TRAP_*), or CATCH_NONE */
	uint64_t error;		/* its error code */
	uint64_t cr2;		/* the faulting address of a #PF */
};

#define CATCH_NONE 0xFF

extern struct catch_info catch_last;

/* catch.S. Each RETURNS: 0, or -1 when the access faulted (catch_last says how). */
int catch_read64(uint64_t va, uint64_t *out);
int catch_write64(uint64_t va, uint64_t value);
int catch_call(uint64_t va);		/* CALL va: it must return */
int catch_wrmsr(uint32_t msr, uint64_t value);
int catch_write_cr3(uint64_t cr3);
int catch_vmxon(uint64_t region_pa);

/* trap.c: for a kernel exception. RETURNS: 1 when a catch_* access was
 * running: *rip and *rsp now resume it, catch_last is filled; else 0. */
int catch_fault(uint64_t vector, uint64_t error, uint64_t *rip, uint64_t *rsp);

#endif
