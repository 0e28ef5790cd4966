/* Devices by hypercall: while the OS has a driver in hypercall mode, the
 * hypervisor owns the real device (HC_DEVICE_OWN) and drives it with its
 * own drivers (hv/uart_hw.h, hv/ata.h) on the OS's behalf: HC_CONSOLE_WRITE,
 * HC_CONSOLE_READ, HC_DISK_IO (docs/hypercalls.md, docs/devices.md). */
#ifndef HV_HCDEV_H
#define HV_HCDEV_H

#include <stdint.h>
#include "hv/abi.h"

/* A new interpose: the OS owns every device again, nothing is buffered,
 * the counters start at zero. */
void hcdev_reset(void);

/* The hypercalls; arguments are the guest's registers, unchecked.
 * RETURNS: as docs/hypercalls.md says; -EPERM when the hypervisor does not
 * own the device; -EINVAL or -EFAULT for bad arguments (hv/hypercall_args.h);
 * -EIO, -ETIMEDOUT or -ENODEV from the device. */
int64_t hcdev_console_write(uint64_t va, uint64_t len);
int64_t hcdev_console_read(uint64_t va, uint64_t len);
int64_t hcdev_disk_io(uint64_t va);
int64_t hcdev_own(uint64_t mask, uint64_t on, uint64_t vector);

/* RETURNS: the device counters, for HC_STATS. */
const struct hv_hcdev_stats *hcdev_stats(void);

#endif
