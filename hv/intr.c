/* Interrupts while interposed. The backend hands us each vector the OS was
 * meant to get (VMX: "acknowledge interrupt on exit", SDM Vol. 3C §28.2.2
 * "Information for VM Exits Due to Vectored Events"); we count it and hold
 * it until the guest could take it natively: RFLAGS.IF = 1 and no STI or
 * MOV SS blocking (§27.6 "Event Injection"). Until then it waits here and
 * the backend asks the CPU to tell it when the window opens. The lowest
 * vector goes first: with the 8259 remapped from 32, that is the PIC's own
 * priority order. */
#include "hv/intr.h"
#include "hv/emulate.h"
#include "hv/stats.h"
#include "kernel/lab.h"

static uint64_t pending[4];
static bool (*taker)(uint8_t vector);

void
intr_set_taker(bool (*take)(uint8_t vector))
{
	taker = take;
}

void
intr_reset(void)
{
	for (int i = 0; i < 4; i++)
		pending[i] = 0;
}

void
intr_queue(uint8_t vector)
{
	/* A device the hypervisor owns: its own driver takes the interrupt. */
	if (emulate_take_interrupt(vector) || (taker && taker(vector)))
		return;
	/* LAB 08 BEGIN: count the vector, then hold it as pending */
	/* LAB 08 STUB: (void)vector; */
	/* LAB 08 STUB: lab_not_implemented("LAB 08: intr_queue"); */
	stats_interrupt(vector);
	pending[vector / 64] |= 1ULL << (vector % 64);
	/* LAB 08 END */
}

void
intr_raise(uint8_t vector)
{
	stats_interrupt(vector);
	pending[vector / 64] |= 1ULL << (vector % 64);
}

bool
intr_pending(void)
{
	return (pending[0] | pending[1] | pending[2] | pending[3]) != 0;
}

int
intr_take(bool can_inject)
{
	/* LAB 08 BEGIN: when the guest can take one, the lowest pending vector leaves the queue */
	/* LAB 08 STUB: (void)can_inject; */
	/* LAB 08 STUB: lab_not_implemented("LAB 08: intr_take"); */
	if (!can_inject)
		return -1;
	for (int i = 0; i < 4; i++) {
		if (pending[i]) {
			int v = i * 64 + __builtin_ctzll(pending[i]);
			pending[i] &= ~(1ULL << (v % 64));
			return v;
		}
	}
	return -1;
	/* LAB 08 END */
}
