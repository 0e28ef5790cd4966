/* Traps: the frame every interrupt, exception and system call saves, and the
 * C dispatcher trap_entry.S calls. */
#ifndef GUESTOS_TRAP_H
#define GUESTOS_TRAP_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/pt.h"

#include "kernel/vectors.h"

#define TRAP_IRQ_BASE VECTOR_EXCEPTIONS /* the PIC is remapped right above the exceptions */
#define TRAP_IRQ_COUNT 16
#define TRAP_SYSCALL 0x80

/* Page-fault error code bits: kernel/pt.h (PF_PRESENT, PF_WRITE, PF_USER). */

/* Pushed by trap_entry.S: general registers (stub), vector and error code
 * (stub; 0 when the CPU pushes none), then the CPU's interrupt frame. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

/* RETURNS: true when the trap came from ring 3. */
static inline bool
trap_is_user(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3;
}

/* trap_entry.S: the stub addresses for the IDT, vectors 0-47 then TRAP_SYSCALL. */
extern const uint64_t trap_stubs[TRAP_IRQ_BASE + TRAP_IRQ_COUNT + 1];

/* Called by trap_entry.S with interrupts off. */
void trap_dispatch(struct trap_frame *tf);

/* RETURNS: the exception's short name ("#PF"), "IRQ" or "?" for others. */
const char *trap_name(uint64_t vector);

/* The first return to ring 3 of a new task: pops a trap frame and IRETQs. */
void trap_return(void) __attribute__((noreturn));

#endif
