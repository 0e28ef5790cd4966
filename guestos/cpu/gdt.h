/* The guest OS's own GDT and TSS: kernel and user segments, and the TSS that
 * gives the CPU a kernel stack (RSP0) when an interrupt arrives in ring 3. */
#ifndef GUESTOS_GDT_H
#define GUESTOS_GDT_H

#include <stdint.h>

/* Order fixed by SYSRET: user data = STAR[63:48] + 8, user code = STAR[63:48] + 16
 * (SDM Vol. 2B "SYSRET—Return From Fast System Call"). */
#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_DATA (0x18 | 3)
#define GDT_USER_CODE (0x20 | 3)
#define GDT_TSS 0x28
#define GDT_LDT 0x38

/* gdt_load.S: a far return reloads CS with code, then DS, ES, SS get data. */
void gdt_load_segments(uint16_t code, uint16_t data);

/* Loads the GDT, reloads every segment register and TR. */
void gdt_init(void);

/* The stack the CPU switches to on an interrupt or exception from ring 3. */
void gdt_set_kernel_stack(uint64_t rsp0);

#endif
