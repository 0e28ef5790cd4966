/* The disk in hypercall mode: the hypervisor owns the ATA disk and each
 * request of the block interface is one HC_DISK_IO per 256 sectors. */
#ifndef GUESTOS_HVDISK_H
#define GUESTOS_HVDISK_H

/* Hands the disk to the hypervisor once no request is in flight, and makes
 * this driver the disk (its size and model stay the direct driver's).
 * Needs the hypervisor on with HV_FEATURE_HYPERCALL_IO.
 * RETURNS: 0 or the hypervisor's negative errno (still direct). */
int hvdisk_enable(void);

/* Takes the disk back for the direct driver (guestos/dev/ide.c).
 * RETURNS: 0 or the hypervisor's negative errno (still in hypercall mode). */
int hvdisk_disable(void);

#endif
