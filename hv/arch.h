/* The whole contract between the arch-neutral core (the .c files in hv/) and a
 * virtualization backend (hv/$(HV_ARCH)/, today hv/vmx/). A backend provides
 * exactly the functions below, plus its exit entry, which decodes each exit
 * and calls the core (cpuid_exit, hypercall_exit, io_exit, intr_queue, ...).
 * Policy stays in the core: the backend reports what the guest did and
 * applies what the core answers. docs/architecture.md lists the same. */
#ifndef HV_ARCH_H
#define HV_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/abi.h"
#include "hv/regs.h"

/* Life cycle. */

/* Slides under the OS whose live state is l->state: the OS continues at
 * l->state.rip as a guest with RAX = 0. tsc_start is when hv_entry began.
 * RETURNS only on failure: a negative errno, with a one-line reason in
 * why[HV_REASON_LEN]; VMX (or SVM) is off again. A failure found later (a
 * VM entry that fails) ends in hv_fail() instead. */
int arch_interpose(const struct hv_launch *l, uint64_t tsc_start, char *why);

/* From inside an exit, for HC_DEVIRTUALIZE (after arch_skip_instruction):
 * hands the CPU back to the OS, which continues natively after its
 * hypercall with RAX = 0. Returns only when it cannot (a handout stub): the
 * hypercall then fails with -ENOSYS. */
void arch_devirtualize(struct hv_regs *r);

/* The guest at the current exit: what the core reads. */

/* RETURNS: the guest's CR3, for guest memory access. */
uint64_t arch_guest_cr3(void);

/* RETURNS: the guest's current privilege level, 0-3. */
unsigned arch_guest_cpl(void);

/* The guest's CR0.WP and EFER.NXE in *wp and *nxe: the controls its own
 * page walks obey, for accesses checked as the CPU would (hv/io.c). */
void arch_guest_paging(bool *wp, bool *nxe);

/* RETURNS: true when the guest could take an external interrupt natively
 * now: RFLAGS.IF = 1 and no STI or MOV SS blocking. */
bool arch_guest_interruptible(void);

/* The guest at the current exit: what the core asks the backend to apply. */

/* Completes the instruction that exited: RIP moves past it, and the STI or
 * MOV SS shadow it sat in is over. */
void arch_skip_instruction(void);

/* Delivers exception vector to the guest on the next entry, with error
 * code `code` when has_error (the instruction that exited does not complete). */
void arch_inject_exception(uint8_t vector, bool has_error, uint32_t code);

/* Delivers #PF for linear address va with error code `code` on the next entry,
 * CR2 loaded as the CPU would (the instruction that exited does not complete). */
void arch_inject_page_fault(uint64_t va, uint32_t code);

/* From now on the guest's accesses to port exit (on) or reach the port
 * directly (off), e.g. while a device is emulated (hv/emulate.c). */
void arch_io_intercept(uint16_t port, bool on);

/* Constants and diagnostics. */

/* RETURNS: the hypercall instruction the guest must use: HV_HYPERCALL_VMCALL
 * or HV_HYPERCALL_VMMCALL (advertised in CPUID HV_CPUID_FEATURES, ECX). */
uint32_t arch_hypercall_insn(void);

/* Prints the backend's view of the CPU (guest state when in an exit); for hv_panic. */
void arch_dump(void);

/* RETURNS: the name of one of the backend's exit reasons ("CPUID"), never NULL. */
const char *arch_exit_name(uint32_t reason);

#endif
