/* MOV to/from CR and DR, RDMSR and WRMSR under fault_catch. The register
 * number is part of the instruction's encoding, so each one has its own
 * case; numbers the CPU does not define are still tried (SDM Vol. 2B
 * "MOV—Move to/from Control Registers": #UD for CR1, CR5-CR7, CR9-CR15;
 * "MOV—Move to/from Debug Registers": #UD for DR4/DR5 when CR4.DE = 1). */
#include "guestos/cpu/regs_try.h"
#include "guestos/cpu/fault_catch.h"
#include "kernel/x86.h"

struct regs_op {
	unsigned n;
	uint32_t msr;
	uint64_t value;
};

static void
cr_read(void *p)
{
	struct regs_op *op = p;
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
cr_write(void *p)
{
	struct regs_op *op = p;
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
dr_read(void *p)
{
	struct regs_op *op = p;
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
dr_write(void *p)
{
	struct regs_op *op = p;
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
msr_read(void *p)
{
	struct regs_op *op = p;
	op->value = rdmsr(op->msr);
}

static void
msr_write(void *p)
{
	struct regs_op *op = p;
	wrmsr(op->msr, op->value);
}

/* CR numbers 6 and up other than 8 are tried as CR5: same #UD, one case. */
static unsigned
cr_number(unsigned n)
{
	return n <= 5 || n == 8 ? n : 5;
}

int
regs_try_cr_read(unsigned n, uint64_t *value)
{
	struct regs_op op = { cr_number(n), 0, 0 };
	int v = fault_catch(cr_read, &op, NULL);
	*value = op.value;
	return v;
}

int
regs_try_cr_write(unsigned n, uint64_t value)
{
	struct regs_op op = { cr_number(n), 0, value };
	return fault_catch(cr_write, &op, NULL);
}

int
regs_try_dr_read(unsigned n, uint64_t *value)
{
	struct regs_op op = { n & 7, 0, 0 };
	int v = fault_catch(dr_read, &op, NULL);
	*value = op.value;
	return v;
}

int
regs_try_dr_write(unsigned n, uint64_t value)
{
	struct regs_op op = { n & 7, 0, value };
	return fault_catch(dr_write, &op, NULL);
}

static void
ldt_load(void *p)
{
	lldt((uint16_t)((struct regs_op *)p)->value);
}

int
regs_try_lldt(uint16_t sel)
{
	struct regs_op op = { 0, 0, sel };
	return fault_catch(ldt_load, &op, NULL);
}

int
regs_try_msr_read(uint32_t msr, uint64_t *value)
{
	struct regs_op op = { 0, msr, 0 };
	int v = fault_catch(msr_read, &op, NULL);
	*value = op.value;
	return v;
}

int
regs_try_msr_write(uint32_t msr, uint64_t value)
{
	struct regs_op op = { 0, msr, value };
	return fault_catch(msr_write, &op, NULL);
}
