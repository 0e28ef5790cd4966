/* MOV to/from CR and DR, RDMSR and WRMSR under fault_catch. The register
 * number is part of the instruction's encoding, so each one has its own
 * case; numbers the CPU does not define are still tried (SDM Vol. 2B
 * "MOV—Move to/from Control Registers": #UD for CR1, CR5-CR7, CR9-CR15;
 * "MOV—Move to/from Debug Registers": #UD for DR4/DR5 when CR4.DE = 1). */
#include "guestos/cpu/regs_try.h"
#include "guestos/cpu/fault_catch.h"
#include "kernel/x86.h"

struct regs_op {
	enum regs_space space;
	uint32_t n;
	uint64_t value;
};

static void
cr_read(struct regs_op *op)
{
	switch (op->n) {
	case 0: op->value = read_cr0(); break;
	case 1: __asm__ volatile("mov %%cr1, %0" : "=r"(op->value)); break;
	case 2: op->value = read_cr2(); break;
	case 3: op->value = read_cr3(); break;
	case 4: op->value = read_cr4(); break;
	case 5: __asm__ volatile("mov %%cr5, %0" : "=r"(op->value)); break;
	default: op->value = read_cr8(); break;
	}
}

static void
cr_write(struct regs_op *op)
{
	switch (op->n) {
	case 0: write_cr0(op->value); break;
	case 1: __asm__ volatile("mov %0, %%cr1" : : "r"(op->value)); break;
	case 2: __asm__ volatile("mov %0, %%cr2" : : "r"(op->value)); break;
	case 3: write_cr3(op->value); break;
	case 4: write_cr4(op->value); break;
	case 5: __asm__ volatile("mov %0, %%cr5" : : "r"(op->value)); break;
	default: write_cr8(op->value); break;
	}
}

static void
dr_read(struct regs_op *op)
{
	switch (op->n) {
	case 0: op->value = read_dr0(); break;
	case 1: op->value = read_dr1(); break;
	case 2: op->value = read_dr2(); break;
	case 3: op->value = read_dr3(); break;
	case 4: __asm__ volatile("mov %%dr4, %0" : "=r"(op->value)); break;
	case 5: __asm__ volatile("mov %%dr5, %0" : "=r"(op->value)); break;
	case 6: op->value = read_dr6(); break;
	default: op->value = read_dr7(); break;
	}
}

static void
dr_write(struct regs_op *op)
{
	switch (op->n) {
	case 0: write_dr0(op->value); break;
	case 1: write_dr1(op->value); break;
	case 2: write_dr2(op->value); break;
	case 3: write_dr3(op->value); break;
	case 4: __asm__ volatile("mov %0, %%dr4" : : "r"(op->value)); break;
	case 5: __asm__ volatile("mov %0, %%dr5" : : "r"(op->value)); break;
	case 6: write_dr6(op->value); break;
	default: write_dr7(op->value); break;
	}
}

static void
op_read(void *p)
{
	struct regs_op *op = p;
	if (op->space == REGS_CR)
		cr_read(op);
	else if (op->space == REGS_DR)
		dr_read(op);
	else
		op->value = rdmsr(op->n);
}

static void
op_write(void *p)
{
	struct regs_op *op = p;
	if (op->space == REGS_CR)
		cr_write(op);
	else if (op->space == REGS_DR)
		dr_write(op);
	else
		wrmsr(op->n, op->value);
}

/* CR numbers 6 and up other than 8 are tried as CR5 (same #UD, one case);
 * DR numbers wrap at 8. */
static uint32_t
reg_number(enum regs_space space, uint32_t n)
{
	if (space == REGS_CR)
		return n <= 5 || n == 8 ? n : 5;
	return space == REGS_DR ? n & 7 : n;
}

int
regs_try_read(enum regs_space space, uint32_t n, uint64_t *value)
{
	struct regs_op op = { space, reg_number(space, n), 0 };
	int v = fault_catch(op_read, &op, NULL);
	*value = op.value;
	return v;
}

int
regs_try_write(enum regs_space space, uint32_t n, uint64_t value)
{
	struct regs_op op = { space, reg_number(space, n), value };
	return fault_catch(op_write, &op, NULL);
}

static void
ldt_load(void *p)
{
	lldt((uint16_t)((struct regs_op *)p)->value);
}

int
regs_try_lldt(uint16_t sel)
{
	struct regs_op op = { REGS_CR, 0, sel };
	return fault_catch(ldt_load, &op, NULL);
}
