/* System-call handlers. They run with interrupts on, on the task's kernel
 * stack and in its address space, so a user buffer is read through its user
 * address once it has been checked. */
#include "guestos/cpu/syscall.h"
#include "guestos/dev/dev.h"
#include "guestos/mm/paging.h"
#include "guestos/mm/pmm.h"
#include "guestos/task/sched.h"
#include "guestos/task/task.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define WRITE_CHUNK 256

/* RETURNS: true when [va, va+n) is user memory of the current task, mapped
 * (heap pages are faulted in) and, if `write`, writable. */
static bool
user_range_ok(uint64_t va, uint64_t n, bool write)
{
	if (va < USER_BASE || n > USER_END - va)
		return false;
	struct task *t = sched_current();
	for (uint64_t p = va & ~(PAGE_SIZE - 1); p < va + n; p += PAGE_SIZE) {
		struct pt_walk r;
		if (paging_translate(t->cr3, p, &r) != 0) {
			if (!task_page_fault(p, PF_USER | (write ? PF_WRITE : 0)) ||
			    paging_translate(t->cr3, p, &r) != 0)
				return false;
		}
		if (!r.user || (write && !r.writable))
			return false;
	}
	return true;
}

static long
sys_write(uint64_t buf, uint64_t len)
{
	const struct chardev_ops *con = dev_console();
	if (!user_range_ok(buf, len, false))
		return -EFAULT;
	if (!con)
		return -ENODEV;
	char chunk[WRITE_CHUNK];
	for (uint64_t done = 0; done < len;) {
		uint64_t n = len - done < WRITE_CHUNK ? len - done : WRITE_CHUNK;
		memcpy(chunk, (const char *)(buf + done), n);
		int err = con->write(chunk, n);
		if (err < 0)
			return err;
		done += n;
	}
	return (long)len;
}

static long
sys_disk(uint64_t lba, uint64_t buf, bool write)
{
	const struct blockdev_ops *disk = dev_disk();
	if (!user_range_ok(buf, SECTOR_SIZE, !write))
		return -EFAULT;
	if (!disk || disk->sectors() == 0)
		return -ENODEV;
	if (lba >= disk->sectors())
		return -EINVAL;
	uint8_t sector[SECTOR_SIZE];
	if (write) {
		memcpy(sector, (const void *)buf, SECTOR_SIZE);
		return disk->write((uint32_t)lba, 1, sector);
	}
	int err = disk->read((uint32_t)lba, 1, sector);
	if (!err)
		memcpy((void *)buf, sector, SECTOR_SIZE);
	return err;
}

void
syscall_dispatch(struct trap_frame *tf)
{
	long ret;
	sti();
	switch (tf->rax) {
	case SYS_WRITE:
		ret = sys_write(tf->rdi, tf->rsi);
		break;
	case SYS_GETPID:
		ret = sched_current()->pid;
		break;
	case SYS_YIELD:
		sched_yield();
		ret = 0;
		break;
	case SYS_SLEEP:
		sched_sleep(tf->rdi);
		ret = 0;
		break;
	case SYS_EXIT:
		task_exit((long)tf->rdi);
	case SYS_DISK_READ:
		ret = sys_disk(tf->rdi, tf->rsi, false);
		break;
	case SYS_DISK_WRITE:
		ret = sys_disk(tf->rdi, tf->rsi, true);
		break;
	default:
		ret = -ENOSYS;
		break;
	}
	cli();
	tf->rax = (uint64_t)ret;
}
