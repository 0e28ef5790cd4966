/* Sentinels in the callee-saved registers (SysV ABI: RBX, RBP, R12-R15):
 * code that must carry them over (the launch and its rollback, a task
 * switch) is run with known values in them, and what came back different is
 * one bit per register: bit 0 RBX, 1 RBP, 2 R12, 3 R13, 4 R14, 5 R15. */
#ifndef GUESTOS_SENTINEL_H
#define GUESTOS_SENTINEL_H

#include <stdint.h>

/* sentinel.S: fn(a, b) with sentinels loaded; *changed gets the registers
 * that came back different. RETURNS: what fn returned. */
int sentinel_call(int (*fn)(void *a, uint64_t b), void *a, uint64_t b, uint32_t *changed);

/* switch_probe.S, through sentinel_call with interrupts off: a switch with
 * context_switch to a context built as a new task's frame, and back.
 * RETURNS: the registers the new context did not get from its frame. */
int switch_probe_enter(void *unused, uint64_t unused2);

/* Prints " rbx rbp ..." for the registers set in changed (bits 0-5). */
void sentinel_print(uint32_t changed);

#endif
