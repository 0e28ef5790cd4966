/* The interrupt descriptor table: exceptions 0-31, PIC interrupts 32-47 and
 * the system-call gate 0x80 (callable from ring 3). */
#ifndef GUESTOS_IDT_H
#define GUESTOS_IDT_H

/* Fills the gates with the trap_entry.S stubs and loads IDTR. */
void idt_init(void);

#endif
