/* Kernel accesses that may fault, for peek, poke and the isolation suite:
 * each runs under fault_catch (fault_catch.h), so a fault is reported, not
 * a panic, with what happened in catch_last. */
#ifndef GUESTOS_CATCH_H
#define GUESTOS_CATCH_H

#include <stdint.h>

struct catch_info {
	uint64_t vector;	/* the exception (VECTOR_*) */
	uint64_t error;		/* its error code (0 for the MSR and CR3 writes) */
	uint64_t cr2;		/* the faulting address of a #PF */
};

extern struct catch_info catch_last;

/* Each RETURNS: 0, or -1 when the access faulted (catch_last says how). */
int catch_read64(uint64_t va, uint64_t *out);
int catch_write64(uint64_t va, uint64_t value);
int catch_call(uint64_t va);		/* CALL va: it must return */
int catch_wrmsr(uint32_t msr, uint64_t value);
int catch_write_cr3(uint64_t cr3);
int catch_vmxon(uint64_t region_pa);

/* REP INSW / REP OUTSW of *count words at *va on port; *va and *count
 * become RDI (RSI) and RCX as the instruction left them, at the fault when
 * it faulted. RETURNS: 0, or -1 when it faulted. */
int catch_rep_insw(uint16_t port, uint64_t *va, uint64_t *count);
int catch_rep_outsw(uint16_t port, uint64_t *va, uint64_t *count);

#endif
