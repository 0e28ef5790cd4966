/* Trying one operation with its CPU exception caught: the shell's cr, dr,
 * msr and state commands, `hv probe` and the differential table run an
 * instruction that may fault (#GP, #UD, #PF) and report the fault by name
 * instead of panicking. Works natively and interposed alike: the fault
 * arrives through the OS's own IDT (trap.c), whoever raised it. */
#ifndef GUESTOS_FAULT_CATCH_H
#define GUESTOS_FAULT_CATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "guestos/cpu/trap.h"

#define FAULT_NONE (-1)

/* What fault_catch_call saved: where to resume when fn faults. */
struct fault_catch_ctx {
	uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rflags;
	uint64_t vector, error;
};

/* Runs fn(arg) in ring 0. An exception fn raises (not NMI, #DF or #MC)
 * abandons fn and returns here with RFLAGS and the callee-saved registers
 * as they were at the call. Not reentrant: fn must not call fault_catch.
 * RETURNS: FAULT_NONE when fn returned, or the exception's vector (its
 * error code in *error when error is not NULL). */
int fault_catch(void (*fn)(void *), void *arg, uint64_t *error);

/* Called by trap.c for every ring-0 exception. RETURNS: true when a
 * fault_catch is under way and tf now returns from it. */
bool fault_catch_trap(struct trap_frame *tf);

/* Where the last caught exception left a string instruction: RCX, RSI and
 * RDI as the fault saw them (a REP string instruction updates them element
 * by element, SDM Vol. 2B "REP/REPE/REPZ/REPNE/REPNZ"). */
void fault_catch_string_regs(uint64_t *rcx, uint64_t *rsi, uint64_t *rdi);

/* RETURNS: "ok" for FAULT_NONE, else the exception's short name ("#GP"). */
const char *fault_catch_name(int vector);

#endif
