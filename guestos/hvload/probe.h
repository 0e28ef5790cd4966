/* `hv probe`: what the OS sees of VMX, from inside (see probe.c). */
#ifndef GUESTOS_HV_PROBE_H
#define GUESTOS_HV_PROBE_H

/* Runs the probes and prints one line with their outcomes. */
void probe_run(void);

#endif
