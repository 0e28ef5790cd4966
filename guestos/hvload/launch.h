/* The launch protocol: `hv on` hands the OS's live CPU state to the loaded
 * image's entry (hv/abi.h struct hv_launch) and continues as its guest;
 * `hv off` asks for the machine back with HC_DEVIRTUALIZE. */
#ifndef GUESTOS_HVLOAD_LAUNCH_H
#define GUESTOS_HVLOAD_LAUNCH_H

#include <stdbool.h>
#include <stdint.h>

/* Slides the loaded image under the OS (flags: HV_LAUNCH_*). *tsc gets the
 * TSC ticks the call took. Prints one line saying why when it fails.
 * RETURNS: 0 when interposed; -ENOENT (no image loaded), -EBUSY (already
 * on), or the hypervisor's negative errno (-EINVAL reported as -EIO) after
 * a complete rollback: the OS is still native. */
int launch_on(uint32_t flags, uint64_t *tsc);

/* Devirtualizes; *tsc gets the ticks the hypercall took. Prints why on failure.
 * RETURNS: 0 when native again; -ENOENT (not on) or the hypervisor's error. */
int launch_off(uint64_t *tsc);

/* RETURNS: true while the OS runs as the hypervisor's guest. */
bool launch_is_on(void);

/* RETURNS: true when firmware left IA32_FEATURE_CONTROL unlocked and an `hv on`
 * locked it (VMXON needs it locked): visible to the OS until reset. */
bool launch_has_locked_feature_control(void);

#endif
