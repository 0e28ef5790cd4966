/* Reading and writing control registers, debug registers and MSRs with the
 * fault caught (fault_catch.h): what the cr, dr, msr and state commands and
 * the differential table are made of. */
#ifndef GUESTOS_REGS_TRY_H
#define GUESTOS_REGS_TRY_H

#include <stdint.h>

/* CR n (0-15: the ones that do not exist give #UD, as MOV CR does).
 * RETURNS: FAULT_NONE, or the vector of the fault the CPU raised. */
int regs_try_cr_read(unsigned n, uint64_t *value);
int regs_try_cr_write(unsigned n, uint64_t value);

/* DR n (0-7: DR4/DR5 alias DR6/DR7 unless CR4.DE, then #UD).
 * RETURNS: FAULT_NONE, or the fault's vector. */
int regs_try_dr_read(unsigned n, uint64_t *value);
int regs_try_dr_write(unsigned n, uint64_t value);

/* LLDT of sel (SDM Vol. 2A "LLDT—Load Local Descriptor Table Register").
 * RETURNS: FAULT_NONE, or the fault's vector. */
int regs_try_lldt(uint16_t sel);

/* RDMSR / WRMSR. RETURNS: FAULT_NONE, or the fault's vector. */
int regs_try_msr_read(uint32_t msr, uint64_t *value);
int regs_try_msr_write(uint32_t msr, uint64_t value);

#endif
