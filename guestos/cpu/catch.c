/* Kernel accesses that may fault, on top of fault_catch: what the attack
 * suite and peek/poke need, with the fault kept in catch_last. */
#include "guestos/cpu/catch.h"
#include "guestos/cpu/fault_catch.h"
#include "guestos/cpu/regs_try.h"
#include "kernel/x86.h"

struct catch_info catch_last;

struct access {
	uint64_t va, value;
};

/* RETURNS: 0 when nothing faulted; -1 with catch_last filled otherwise. */
static int
caught(int vector, uint64_t error)
{
	if (vector == FAULT_NONE)
		return 0;
	catch_last.vector = (uint64_t)vector;
	catch_last.error = error;
	catch_last.cr2 = read_cr2();
	return -1;
}

static int
run(void (*fn)(void *), void *a)
{
	uint64_t error = 0;
	int vector = fault_catch(fn, a, &error);
	return caught(vector, error);
}

static void
do_read(void *p)
{
	struct access *a = p;
	a->value = *(volatile uint64_t *)a->va;
}

static void
do_write(void *p)
{
	struct access *a = p;
	*(volatile uint64_t *)a->va = a->value;
}

static void
do_call(void *p)
{
	((void (*)(void))((struct access *)p)->va)();
}

static void
do_vmxon(void *p)
{
	vmxon_probe(((struct access *)p)->va);
}

int
catch_read64(uint64_t va, uint64_t *out)
{
	struct access a = { va, 0 };
	int err = run(do_read, &a);
	*out = a.value;
	return err;
}

int
catch_write64(uint64_t va, uint64_t value)
{
	struct access a = { va, value };
	return run(do_write, &a);
}

int
catch_call(uint64_t va)
{
	struct access a = { va, 0 };
	return run(do_call, &a);
}

int
catch_vmxon(uint64_t region_pa)
{
	struct access a = { region_pa, 0 };
	return run(do_vmxon, &a);
}

struct string_op {
	uint64_t va, count;
	uint16_t port;
};

static void
do_rep_insw(void *p)
{
	struct string_op *s = p;
	__asm__ volatile("rep insw" : "+D"(s->va), "+c"(s->count) : "d"(s->port) : "memory");
}

static void
do_rep_outsw(void *p)
{
	struct string_op *s = p;
	__asm__ volatile("rep outsw" : "+S"(s->va), "+c"(s->count) : "d"(s->port) : "memory");
}

static int
rep_string(void (*fn)(void *), bool in, uint16_t port, uint64_t *va, uint64_t *count)
{
	struct string_op s = { *va, *count, port };
	uint64_t rcx, rsi, rdi;
	int err = run(fn, &s);
	if (err) {
		fault_catch_string_regs(&rcx, &rsi, &rdi);
		s.count = rcx;
		s.va = in ? rdi : rsi;
	}
	*va = s.va;
	*count = s.count;
	return err;
}

int
catch_rep_insw(uint16_t port, uint64_t *va, uint64_t *count)
{
	return rep_string(do_rep_insw, true, port, va, count);
}

int
catch_rep_outsw(uint16_t port, uint64_t *va, uint64_t *count)
{
	return rep_string(do_rep_outsw, false, port, va, count);
}

int
catch_wrmsr(uint32_t msr, uint64_t value)
{
	return caught(regs_try_write(REGS_MSR, msr, value), 0);
}

int
catch_write_cr3(uint64_t cr3)
{
	return caught(regs_try_write(REGS_CR, 3, cr3), 0);
}
