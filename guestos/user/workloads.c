/* User programs for the workloads. Plain C on the stack and heap: no globals,
 * and no calls into kernel code (the kernel's pages are supervisor-only). */
#include "guestos/task/task.h"
#include "guestos/mm/paging.h"
#include "guestos/mm/pmm.h"
#include "guestos/user/programs.h"
#include "guestos/user/ulib.h"
#include "kernel/errno.h"

long
user_cpu(long n)
{
	long count = 0;
	for (long k = 2; k < n; k++) {
		bool prime = true;
		for (long d = 2; d * d <= k && prime; d++)
			prime = k % d != 0;
		count += prime;
	}
	return count;
}

long
user_getpid_loop(long n)
{
	long pid = sys_getpid(), same = 0;
	for (long i = 0; i < n; i++)
		same += sys_getpid() == pid;
	return same;
}

long
user_yield_loop(long n)
{
	for (long i = 0; i < n; i++)
		sys_yield();
	return n;
}

long
user_touch_pages(long n)
{
	volatile uint64_t *heap = (volatile uint64_t *)USER_HEAP_BASE;
	const long words = PAGE_SIZE / sizeof(uint64_t);
	for (long i = 0; i < n; i++) {
		if (heap[i * words] != 0 || heap[i * words + words - 1] != 0)
			return -(i + 1);
		heap[i * words] = (uint64_t)i + 1;
	}
	for (long i = 0; i < n; i++)
		if (heap[i * words] != (uint64_t)i + 1)
			return -(i + 1);
	return n;
}

long
user_write_bytes(long n)
{
	char line[64];
	for (int i = 0; i < 63; i++)
		line[i] = (char)('a' + i % 26);
	line[63] = '\n';
	long done = 0;
	while (done < n) {
		long chunk = n - done < 64 ? n - done : 64;
		if (chunk < 64)
			line[chunk - 1] = '\n';
		long w = sys_write(line, (size_t)chunk);
		if (w <= 0)
			return done;
		done += w;
	}
	return done;
}

uint8_t
user_disk_pattern(long i, long j)
{
	return (uint8_t)(i * 31 + j * 7 + (i >> 8) + 0x5a);
}

long
user_disk_roundtrip(long n)
{
	uint8_t buf[SECTOR_SIZE];
	for (long i = 0; i < n; i++) {
		for (long j = 0; j < SECTOR_SIZE; j++)
			buf[j] = user_disk_pattern(i, j);
		long err = sys_disk_write(USER_DISK_SCRATCH_LBA + (uint32_t)i, buf);
		if (err)
			return err;
	}
	uint32_t sum = 2166136261u;
	for (long i = 0; i < n; i++) {
		long err = sys_disk_read(USER_DISK_SCRATCH_LBA + (uint32_t)i, buf);
		if (err)
			return err;
		for (long j = 0; j < SECTOR_SIZE; j++) {
			if (buf[j] != user_disk_pattern(i, j))
				return -1;
			sum = (sum ^ buf[j]) * 16777619u;
		}
	}
	return (long)(sum & 0x7FFFFFFF);
}

long
user_same_address(long n)
{
	volatile uint64_t *shared_va = (volatile uint64_t *)USER_HEAP_BASE;
	uint64_t me = (uint64_t)sys_getpid() << 32;
	for (long i = 0; i < n; i++) {
		*shared_va = me | (uint64_t)i;
		sys_yield();
		if (*shared_va != (me | (uint64_t)i))
			return -(i + 1);
	}
	return n;
}

long
user_bad_pointers(long unused)
{
	char c = 'x';
	long ok = 0;
	(void)unused;
	ok += sys_write((const void *)0, 1) == -EFAULT;
	ok += sys_write((const void *)0x100000, 16) == -EFAULT;	/* the kernel image */
	ok += sys_write((const void *)0xFFFFFFFF80000000ULL, 1) == -EFAULT;
	ok += sys_write((const void *)(USER_STACK_TOP - 8), 16) == -EFAULT; /* past the stack top */
	ok += sys_write(&c, (size_t)-1) == -EFAULT;			/* wraps around */
	ok += sys_disk_read(0, (void *)USER_CODE_BASE) == -EFAULT;	/* read-only code page */
	ok += sys_disk_write(0, (const void *)(USER_END - 256)) == -EFAULT; /* runs out of the user range */
	return ok;
}

long
user_deref(long unused)
{
	/* Read through a volatile variable: a visible NULL dereference would be
	 * compiled into UD2 instead of a load. */
	volatile uintptr_t null = 0;
	(void)unused;
	return *(volatile long *)null;
}

long
user_privileged(long unused)
{
	(void)unused;
	user_hlt();
	return 0;
}

long
user_vmcall(long unused)
{
	(void)unused;
	user_vmcall_devirtualize();
	return 0;
}

long
user_read_after_syscall(long va)
{
	sys_getpid();
	return *(volatile long *)(uintptr_t)va;
}
