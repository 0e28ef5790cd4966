/* Dual-mode drivers: which driver reaches the console and the disk.
 * direct: the OS's own driver on the real device; emulated: the same driver
 * on the hypervisor's device model (HC_EMULATE); hypercall: the hypervisor
 * owns the device and the OS asks for whole operations (hvcons, hvdisk).
 * docs/devices.md "Driver modes". */
#ifndef GUESTOS_DUALMODE_H
#define GUESTOS_DUALMODE_H

#include <stdbool.h>
#include <stdint.h>

enum dualmode_dev { DUALMODE_CONSOLE, DUALMODE_DISK, DUALMODE_DEVS };
enum dualmode_mode { DUALMODE_DIRECT, DUALMODE_EMULATED, DUALMODE_HYPERCALL, DUALMODE_MODES };

/* RETURNS: the device's current mode. */
enum dualmode_mode dualmode_get(enum dualmode_dev dev);

/* RETURNS: "console"/"disk" and "direct"/"emulated"/"hypercall". */
const char *dualmode_dev_name(enum dualmode_dev dev);
const char *dualmode_mode_name(enum dualmode_mode mode);

/* Switches dev to mode, through direct. Input and output in flight are
 * kept (guestos/dev/hvcons.c, hvdisk.c say how).
 * RETURNS: 0; -ENOENT when mode needs the hypervisor and it is not on;
 * -ENOSYS when it does not offer the mode; or the hypervisor's errno. */
int dualmode_set(enum dualmode_dev dev, enum dualmode_mode mode);

/* Every device back to direct, before devirtualizing.
 * RETURNS: 0 or the first error (that device keeps its mode). */
int dualmode_all_direct(void);

/* Trap and emulate (HC_EMULATE): from now on the hypervisor emulates the
 * HV_DEV_* devices in `which` (on) or gives them back (off); the others keep
 * their owner. RETURNS: 0 or the hypervisor's errno. */
int dualmode_emulate(uint32_t which, bool on);

#endif
