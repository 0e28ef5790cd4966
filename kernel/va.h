/* Linear addresses as the CPU sees them in IA-32e mode with 4-level paging. */
#ifndef KERNEL_VA_H
#define KERNEL_VA_H

#include <stdbool.h>
#include <stdint.h>

/* RETURNS: true when va is canonical: bits 63:47 all equal (SDM Vol. 1
 * §3.3.7.1 "Canonical Addressing"). A non-canonical memory reference
 * faults with #GP (#SS on the stack) before any page walk. */
bool va_is_canonical(uint64_t va);

#endif
