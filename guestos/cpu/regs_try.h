/* Reading and writing control registers, debug registers and MSRs with the
 * fault caught (fault_catch.h): what the cr, dr, msr and state commands and
 * the differential table are made of. */
#ifndef GUESTOS_REGS_TRY_H
#define GUESTOS_REGS_TRY_H

#include <stdint.h>

enum regs_space {
	REGS_CR,	/* CR n, 0-15: the ones that do not exist give #UD, as MOV CR does */
	REGS_DR,	/* DR n, 0-7: DR4/DR5 alias DR6/DR7 unless CR4.DE, then #UD */
	REGS_MSR,	/* the MSR at address n: RDMSR / WRMSR */
};

/* Reads or writes register n of space.
 * RETURNS: FAULT_NONE, or the vector of the fault the CPU raised. */
int regs_try_read(enum regs_space space, uint32_t n, uint64_t *value);
int regs_try_write(enum regs_space space, uint32_t n, uint64_t value);

/* LLDT of sel (SDM Vol. 2A "LLDT—Load Local Descriptor Table Register").
 * RETURNS: FAULT_NONE, or the fault's vector. */
int regs_try_lldt(uint16_t sel);

#endif
