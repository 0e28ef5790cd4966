/* The ring-3 half of the isolation suite (guestos/shell/attack_cmd.c): user
 * programs that try to reach the hypervisor's memory or VMX from user mode.
 * Each is main(arg) of a ring-3 task; a fault kills the task, which is the
 * attack being blocked; a return means it got through. */
#ifndef GUESTOS_USER_ATTACKS_H
#define GUESTOS_USER_ATTACKS_H

/* Reads 8 bytes at address va. RETURNS: what it read. */
long user_attack_read(long va);
/* Writes a marker at address va. RETURNS: 0. */
long user_attack_write(long va);
/* Executes VMXON (its operand on the stack). RETURNS: 0. */
long user_attack_vmxon(long unused);
/* Loads CR3 with pa. RETURNS: 0. */
long user_attack_cr3(long pa);

#endif
