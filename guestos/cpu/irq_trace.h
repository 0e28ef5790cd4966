/* A record of the hardware interrupts the OS took, in order, with where each
 * one interrupted: what `irqcheck` compares with the rules of delivery
 * (priority, RFLAGS.IF, the STI and MOV SS shadows, HLT). */
#ifndef GUESTOS_IRQ_TRACE_H
#define GUESTOS_IRQ_TRACE_H

#include <stdint.h>

#define IRQ_TRACE_MAX 8

struct irq_trace_entry {
	uint64_t vector, rip, rflags;
};

/* Empties the record and starts recording. */
void irq_trace_start(void);

/* Called by trap_dispatch for every IRQ vector; keeps the first IRQ_TRACE_MAX
 * after irq_trace_start. */
void irq_trace_record(uint64_t vector, uint64_t rip, uint64_t rflags);

/* RETURNS: how many interrupts were recorded (at most IRQ_TRACE_MAX); entry i
 * of them in *e. */
int irq_trace_count(void);
void irq_trace_get(int i, struct irq_trace_entry *e);

#endif
