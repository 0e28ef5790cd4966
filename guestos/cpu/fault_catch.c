/* The try side of fault_catch.h: the assembly records where to return, the
 * trap handler sends a caught exception there (SDM Vol. 3A §6.14.3 "IRET in
 * IA-32e Mode": IRETQ reloads RIP, CS, RFLAGS, RSP and SS from the frame). */
#include "guestos/cpu/fault_catch.h"
#include "guestos/cpu/trap.h"

#define VECTOR_NMI 2
#define VECTOR_DF 8
#define VECTOR_MC 18

int64_t fault_catch_call(struct fault_catch_ctx *ctx, void (*fn)(void *), void *arg);

static struct fault_catch_ctx *active;
static uint64_t string_rcx, string_rsi, string_rdi;

int
fault_catch(void (*fn)(void *), void *arg, uint64_t *error)
{
	struct fault_catch_ctx ctx = { 0 };
	active = &ctx;
	int64_t v = fault_catch_call(&ctx, fn, arg);
	active = NULL;
	if (error)
		*error = v == FAULT_NONE ? 0 : ctx.error;
	return (int)v;
}

bool
fault_catch_trap(struct trap_frame *tf)
{
	struct fault_catch_ctx *c = active;
	/* NMI, #DF and #MC are not the operation's fault: they stay fatal. */
	if (!c || tf->vector >= 32 || tf->vector == VECTOR_NMI || tf->vector == VECTOR_DF ||
	    tf->vector == VECTOR_MC)
		return false;
	active = NULL;
	c->vector = tf->vector;
	c->error = tf->error;
	string_rcx = tf->rcx;
	string_rsi = tf->rsi;
	string_rdi = tf->rdi;
	tf->rip = *(const uint64_t *)c->rsp;
	tf->rsp = c->rsp + 8;
	tf->rflags = c->rflags;
	tf->rax = tf->vector;
	tf->rbx = c->rbx;
	tf->rbp = c->rbp;
	tf->r12 = c->r12;
	tf->r13 = c->r13;
	tf->r14 = c->r14;
	tf->r15 = c->r15;
	return true;
}

void
fault_catch_string_regs(uint64_t *rcx, uint64_t *rsi, uint64_t *rdi)
{
	*rcx = string_rcx;
	*rsi = string_rsi;
	*rdi = string_rdi;
}

const char *
fault_catch_name(int vector)
{
	return vector == FAULT_NONE ? "ok" : trap_name((uint64_t)vector);
}
