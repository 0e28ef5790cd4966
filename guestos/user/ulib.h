/* The user programs' system-call wrappers (guestos/cpu/syscall.h has the ABI).
 * User code is compiled position independent and must not have writable
 * globals: it runs from read-only pages at USER_BASE (see guestos/guestos.ld). */
#ifndef GUESTOS_USER_ULIB_H
#define GUESTOS_USER_ULIB_H

#include <stddef.h>
#include <stdint.h>
#include "guestos/cpu/syscall.h"

/* usys.S */
long user_syscall(long nr, long a1, long a2, long a3);

/* start.c: where every ring-3 task starts (task.c sets RIP, RDI and RSI):
 * main(arg), then exit with its result. */
void user_entry(long arg, long (*main)(long));
void user_hlt(void);
void user_vmcall_devirtualize(void);

static inline long sys_write(const void *buf, size_t len) { return user_syscall(SYS_WRITE, (long)buf, (long)len, 0); }
static inline long sys_getpid(void) { return user_syscall(SYS_GETPID, 0, 0, 0); }
static inline long sys_yield(void) { return user_syscall(SYS_YIELD, 0, 0, 0); }
static inline long sys_sleep(long ticks) { return user_syscall(SYS_SLEEP, ticks, 0, 0); }
static inline void sys_exit(long code) { user_syscall(SYS_EXIT, code, 0, 0); }
static inline long sys_disk_read(uint32_t lba, void *buf) { return user_syscall(SYS_DISK_READ, lba, (long)buf, 0); }
static inline long sys_disk_write(uint32_t lba, const void *buf) { return user_syscall(SYS_DISK_WRITE, lba, (long)buf, 0); }

#endif
