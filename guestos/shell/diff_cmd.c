/* Shell command `diff`: runs the differential table (diff_table.c) and
 * prints one line per operation, then a count:
 *   diff cr0.clear_ne: ok 0x80000031
 *   diff cr3.bit63_no_pcide: #GP
 *   diff cpuid.1: ok 306c3 10800 7ffafbbf bfebfbff (by design: ...)
 *   diff: 111 operations
 * `diff safe` skips what would bring the OS down on a CPU that wrongly
 * allows it (QEMU TCG: tests/differential_qemu.sh).
 * tests/differential_bochs.sh runs it natively, interposed and natively
 * again and requires the same lines, apart from those marked by design. */
#include "guestos/cpu/fault_catch.h"
#include "guestos/cpu/irq.h"
#include "guestos/cpu/regs_try.h"
#include "guestos/shell/diff_table.h"
#include "guestos/shell/shell.h"
#include "guestos/task/task.h"
#include "guestos/user/programs.h"
#include "guestos/hvload/probe.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

struct diff_outcome {
	int fault;		/* FAULT_NONE or a vector */
	uint64_t value;
	bool has_value;
};

static enum regs_space
space_of(enum diff_kind kind)
{
	if (kind == DIFF_CR_READ || kind == DIFF_CR_WRITE)
		return REGS_CR;
	return kind == DIFF_DR_READ || kind == DIFF_DR_WRITE ? REGS_DR : REGS_MSR;
}

static int
try_read(enum diff_kind kind, uint32_t reg, uint64_t *value)
{
	return regs_try_read(space_of(kind), reg, value);
}

static int
try_write(enum diff_kind kind, uint32_t reg, uint64_t value)
{
	return regs_try_write(space_of(kind), reg, value);
}

/* Write, read back, put the old value back. A register that cannot be
 * read (CR5) is written with set alone. */
static struct diff_outcome
run_write(const struct diff_op *op)
{
	struct diff_outcome o = { FAULT_NONE, 0, false };
	uint64_t old = 0, back = 0;
	int read_fault = try_read(op->kind, op->reg, &old);
	uint64_t value = read_fault == FAULT_NONE ? (old & op->keep) | op->set : op->set;
	o.fault = try_write(op->kind, op->reg, value);
	if (o.fault != FAULT_NONE)
		return o;
	o.has_value = try_read(op->kind, op->reg, &back) == FAULT_NONE;
	o.value = back;
	if (read_fault == FAULT_NONE)
		try_write(op->kind, op->reg, old);
	return o;
}

static struct diff_outcome
run_ring3(const struct diff_op *op)
{
	struct diff_outcome o = { FAULT_NONE, 0, true };
	int pid = task_spawn_user("ring3", user_ring3_op, op->reg);
	long code = 0;
	bool killed = false;
	uint64_t vector = 0, preemptions = 0;
	if (pid < 0 || task_wait(pid, &code, &killed, &vector, &preemptions)) {
		o.fault = FAULT_NONE;
		o.has_value = false;
		return o;
	}
	o.fault = killed ? (int)vector : FAULT_NONE;
	o.value = (uint64_t)code;
	return o;
}

static struct diff_outcome
run_op(const struct diff_op *op)
{
	struct diff_outcome o = { FAULT_NONE, 0, true };
	uint64_t cr4 = read_cr4();
	switch (op->kind) {
	case DIFF_CR_READ:
	case DIFF_DR_READ:
	case DIFF_MSR_READ:
		o.fault = try_read(op->kind, op->reg, &o.value);
		break;
	case DIFF_CR_WRITE:
	case DIFF_DR_WRITE:
	case DIFF_MSR_WRITE:
		o = run_write(op);
		break;
	case DIFF_SPECIAL:
		o.fault = fault_catch(diff_specials[op->reg].fn, &o.value, NULL);
		write_cr4(cr4);
		break;
	default:
		break;
	}
	return o;
}

static void
print_cpuid(const struct diff_op *op)
{
	uint32_t a, b, c, d;
	cpuid(op->reg, 0, &a, &b, &c, &d);
	kprintf("diff %s: ok %x %x %x %x", op->name, a, b, c, d);
}

static bool
is_vmxe_write(const struct diff_op *op)
{
	return op->kind == DIFF_CR_WRITE && op->reg == 4 && (op->set & CR4_VMXE);
}

static int
diff_cmd(int argc, char **argv)
{
	bool safe = argc == 2 && strcmp(argv[1], "safe") == 0;
	if (argc > 2 || (argc == 2 && !safe))
		return -EINVAL;
	for (unsigned i = 0; i < diff_op_count; i++) {
		const struct diff_op *op = &diff_ops[i];
		if (safe && op->risky) {
			kprintf("diff %s: not tried (diff safe)", op->name);
		} else if (is_vmxe_write(op) && !probe_vmxe_write_safe()) {
			kprintf("diff %s: not tried (CPUID: no VMX)", op->name);
		} else if (op->kind == DIFF_CPUID) {
			print_cpuid(op);
		} else {
			struct diff_outcome o;
			if (op->kind == DIFF_RING3) {
				o = run_ring3(op);
			} else {
				uint64_t flags = irq_save();
				o = run_op(op);
				irq_restore(flags);
			}
			kprintf("diff %s: %s", op->name, fault_catch_name(o.fault));
			if (o.fault == FAULT_NONE && o.has_value)
				kprintf(" 0x%lx", o.value);
		}
		kprintf(op->by_design ? " (by design: %s)\n" : "\n", op->by_design);
	}
	kprintf("diff: %u operations\n", diff_op_count);
	return 0;
}

SHELL_COMMAND(diff, "diff", "diff [safe]", "run the differential table: every outcome, value or fault", diff_cmd);
