/* Exception and interrupt vectors both images and their assembly use
 * (SDM Vol. 3A §6.3.1 "External Interrupts", Table 6-1 "Protected-Mode
 * Exceptions and Interrupts"). Assembly includes the numbers only. */
#ifndef KERNEL_VECTORS_H
#define KERNEL_VECTORS_H

#define VECTOR_DE 0
#define VECTOR_DB 1
#define VECTOR_NMI 2
#define VECTOR_BP 3
#define VECTOR_UD 6
#define VECTOR_DF 8
#define VECTOR_GP 13
#define VECTOR_PF 14
#define VECTOR_EXCEPTIONS 32 /* 0-31 are the CPU's; external interrupts start at 32 */

/* Vectors whose exception pushes an error code (SDM Vol. 3A §6.13 "Error
 * Code"): a C expression and a gas `.if` condition alike. */
#define VECTOR_HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

#ifndef __ASSEMBLY__
#include <stdint.h>

/* RETURNS: the exception's short name ("#GP"), "?" for a reserved or external vector. */
const char *vector_name(uint64_t vector);
#endif

#endif
