/* `driver measure`: what the console and the disk cost in the current
 * driver mode, and whether anything was lost (docs/devices.md "Driver modes"). */
#ifndef GUESTOS_DRIVER_MEASURE_H
#define GUESTOS_DRIVER_MEASURE_H

/* Writes DRIVER_MEASURE_BYTES to the console and DRIVER_MEASURE_SECTORS
 * to the disk, reads the sectors back and compares, and prints (and
 * reports to the open phase) one line:
 *   devices: mode=M uart_bytes=N uart_cost=T ide_sectors=S disk_cost=T
 *            exits_per_byte=X exits_per_sector=Y lost=L
 * mode is native when the hypervisor is off; costs are TSC ticks.
 * RETURNS: 0; -EIO when a sector came back different; the disk's errno. */
int driver_measure(void);

#endif
