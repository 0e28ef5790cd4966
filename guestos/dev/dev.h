/* Device operation tables. The console and the disk are reached only through
 * these, so a driver can be switched at runtime from direct hardware access to
 * talking to the hypervisor (a dual-mode driver, see docs/claims.md). */
#ifndef GUESTOS_DEV_H
#define GUESTOS_DEV_H

#include <stddef.h>
#include <stdint.h>

#define SECTOR_SIZE 512

struct chardev_ops {
	const char *name;
	/* RETURNS: bytes written (all of them) or a negative errno. */
	int (*write)(const char *buf, size_t n);
	/* Non-blocking. RETURNS: bytes read (0 when nothing is waiting) or a negative errno. */
	int (*read)(char *buf, size_t n);
	/* Waits until written bytes have left the device. */
	void (*flush)(void);
};

struct blockdev_ops {
	const char *name;
	/* RETURNS: 0, or -EIO / -EINVAL / -ETIMEDOUT, -ENODEV without a disk; never hangs. */
	int (*read)(uint32_t lba, uint32_t count, void *buf);
	int (*write)(uint32_t lba, uint32_t count, const void *buf);
	/* RETURNS: capacity in sectors (0 when there is no disk). */
	uint32_t (*sectors)(void);
	/* RETURNS: the disk's model name ("" when unknown). */
	const char *(*model)(void);
};

/* The current console and disk drivers; set by the drivers' init and by mode
 * switches. Setting the console also routes kprintf (kernel/console.h) through
 * it. Until a console driver registers, dev_console() is NULL; until a disk
 * driver registers, dev_disk() is a table whose reads and writes fail with -ENODEV. */
void dev_set_console(const struct chardev_ops *ops);
void dev_set_disk(const struct blockdev_ops *ops);
const struct chardev_ops *dev_console(void);
const struct blockdev_ops *dev_disk(void);

/* The disk is one device whichever driver reaches it: a task whose request
 * is in flight holds it (a command is several port accesses, and the task
 * may be preempted between them), so a mode switch or a request through the
 * other driver waits, idling, until it is free. */
void dev_disk_claim(void);
void dev_disk_release(void);

/* Blocking console read of one byte (idles until input arrives). */
char dev_console_getc(void);

#endif
