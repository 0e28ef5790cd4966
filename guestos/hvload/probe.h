/* `hv probe`: what the OS sees of VMX, from inside (see probe.c). */
#ifndef GUESTOS_HV_PROBE_H
#define GUESTOS_HV_PROBE_H

#include <stdbool.h>

/* Runs the probes and prints one line with their outcomes. */
void probe_run(void);

/* Setting CR4.VMXE where CPUID lists no VMX froze QEMU with interrupts off
 * (docs/emulators.md). RETURNS: true where VMX exists or devirt is under
 * us (which must then refuse the write as a CPU without VMX does). */
bool probe_vmxe_write_safe(void);

#endif
