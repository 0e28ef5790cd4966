/* The user programs behind the `run` workloads (guestos/shell/workload.c).
 * Each is main(arg) of a ring-3 task; its return value is the exit code. */
#ifndef GUESTOS_USER_PROGRAMS_H
#define GUESTOS_USER_PROGRAMS_H

#include <stdint.h>
#include "guestos/dev/dev.h"

/* First sector the disk workload overwrites (past the 8 MiB mark of the 15.75 MiB disk). */
#define USER_DISK_SCRATCH_LBA 16384
#define USER_DISK_MAX_SECTORS 1024

/* RETURNS: the number of primes below n (trial division). */
long user_cpu(long n);
/* RETURNS: how many of n getpid calls returned the task's pid (the first call's). */
long user_getpid_loop(long n);
/* RETURNS: n after n yields. */
long user_yield_loop(long n);
/* Touches n fresh heap pages. RETURNS: n, or -(i+1) when page i was not zero or lost its data. */
long user_touch_pages(long n);
/* Writes n bytes of text. RETURNS: bytes the write calls reported written. */
long user_write_bytes(long n);
/* Writes n sectors from USER_DISK_SCRATCH_LBA, reads them back and compares.
 * RETURNS: a 31-bit FNV-1a checksum of what was read, or -1 on a mismatch, or the error. */
long user_disk_roundtrip(long n);
/* RETURNS: the byte the disk workload writes at offset j of its sector i. */
uint8_t user_disk_pattern(long i, long j);
/* Writes its own value at one heap address n times, yielding in between.
 * RETURNS: n, or -(i+1) when iteration i saw another task's data. */
long user_same_address(long n);
/* Hands the kernel bad buffers (NULL, kernel memory, unmapped, read-only,
 * overflowing). RETURNS: how many calls returned -EFAULT (USER_BAD_POINTERS). */
long user_bad_pointers(long unused);
#define USER_BAD_POINTERS 7
/* Reads from address 0: a #PF. */
long user_deref(long unused);
/* Executes HLT in ring 3: a #GP. */
long user_privileged(long unused);
/* Asks the hypervisor to devirtualize from ring 3: a #UD, with or without one. */
long user_vmcall(long unused);
/* Makes a system call, then reads 8 bytes at va (kernel memory the call may
 * have touched: a #PF). RETURNS: what it read. */
long user_read_after_syscall(long va);

/* Tries privileged operation op (RING3_*) in ring 3. RETURNS: 0 or a value
 * it read, when the CPU let it run; the task is killed when it faults. */
long user_ring3_op(long op);
enum ring3_op {
	RING3_HLT, RING3_CLI, RING3_STI, RING3_READ_CR0, RING3_WRITE_CR3, RING3_READ_CR8, RING3_READ_DR7,
	RING3_RDMSR, RING3_WRMSR, RING3_IN, RING3_OUT, RING3_INVLPG, RING3_LGDT, RING3_LTR, RING3_VMCALL,
	RING3_VMXON, RING3_CPUID, RING3_RDTSC, RING3_INT3, RING3_UD2,
};

#endif
