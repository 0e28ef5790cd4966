/* The two task-switching routines of switch.S (its header comment gives the
 * register contract). */
#ifndef GUESTOS_TASK_SWITCH_H
#define GUESTOS_TASK_SWITCH_H

#include <stdint.h>

/* Saves the callee-saved registers and RSP in *old_rsp, loads CR3 when it
 * differs, then continues on new_rsp. Interrupts off. */
void context_switch(uint64_t *old_rsp, uint64_t new_rsp, uint64_t cr3);

/* First return address of a kernel thread's stack: calls R12(RBX) with
 * interrupts on, then task_exit with its result. Never called from C. */
void kthread_entry(void);

#endif
