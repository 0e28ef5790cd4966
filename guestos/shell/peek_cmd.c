/* Shell commands `peek ADDR` and `poke ADDR VALUE`: 8 bytes through the
 * current address space, a fault reported by name instead of a crash. */
#include "guestos/cpu/catch.h"
#include "guestos/cpu/irq.h"
#include "guestos/cpu/trap.h"
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"

static void
report_fault(const char *cmd, uint64_t va)
{
	kprintf("%s %lx: %s err=0x%lx", cmd, va, trap_name(catch_last.vector), catch_last.error);
	if (catch_last.vector == VECTOR_PF)
		kprintf(" cr2=%lx", catch_last.cr2);
	kprintf("\n");
}

static int
peek_cmd(int argc, char **argv)
{
	unsigned long long va;
	if (argc != 2 || parse_u64(argv[1], &va))
		return -EINVAL;
	uint64_t v, irq = irq_save();
	int err = catch_read64(va, &v);
	irq_restore(irq);
	if (err) {
		report_fault("peek", va);
		return -EFAULT;
	}
	kprintf("peek %llx: %016lx\n", va, v);
	return 0;
}

static int
poke_cmd(int argc, char **argv)
{
	unsigned long long va, v;
	if (argc != 3 || parse_u64(argv[1], &va) || parse_u64(argv[2], &v))
		return -EINVAL;
	uint64_t irq = irq_save();
	int err = catch_write64(va, v);
	irq_restore(irq);
	if (err) {
		report_fault("poke", va);
		return -EFAULT;
	}
	kprintf("poke %llx: ok\n", va);
	return 0;
}

SHELL_COMMAND(peek, "peek", "peek ADDR", "read 8 bytes at a virtual address; faults are reported", peek_cmd);
SHELL_COMMAND(poke, "poke", "poke ADDR VALUE", "write 8 bytes at a virtual address; faults are reported", poke_cmd);
