/* The differential table: operations whose outcome (value or fault) must be
 * the same natively, interposed, and natively again (`diff`, diff_cmd.c). */
#ifndef GUESTOS_DIFF_TABLE_H
#define GUESTOS_DIFF_TABLE_H

#include <stdbool.h>
#include <stdint.h>

enum diff_kind {
	DIFF_CR_READ, DIFF_CR_WRITE, DIFF_DR_READ, DIFF_DR_WRITE, DIFF_MSR_READ, DIFF_MSR_WRITE,
	DIFF_CPUID,	/* reg = leaf: the four registers */
	DIFF_RING3,	/* reg = enum ring3_op, run as a ring-3 task */
	DIFF_SPECIAL,	/* reg = index into diff_specials */
};

/* A write stores (current & keep) | set, reads the register back and puts
 * the old value back. by_design names what the hypervisor changes on
 * purpose (docs/exactness.md); NULL everywhere else. */
struct diff_op {
	const char *name;
	enum diff_kind kind;
	uint32_t reg;
	uint64_t keep, set;
	const char *by_design;
	/* Brings the OS down where an emulator gets it wrong (QEMU TCG allows
	 * a CR0.PG clear in 64-bit mode and hangs on a CR3 load with PCIDE):
	 * skipped by `diff safe`. */
	bool risky;
};

/* One operation that is neither a register read nor a write: fn(&value)
 * runs under fault_catch with interrupts off and CR4 put back after it. */
struct diff_special {
	void (*fn)(void *value);
};

extern const struct diff_op diff_ops[];
extern const unsigned diff_op_count;
extern const struct diff_special diff_specials[];

#endif
