/* Shell commands `cr N [VALUE]`, `dr N [VALUE]` and `msr ADDR [VALUE]`:
 * read, or write and read back, one register with the fault caught and
 * named, never a crash:
 *   cr4=0x6a0                      a read
 *   cr4 <- 0x6a0: ok, cr4=0x6a0    a write, then the value read back
 *   cr3 <- 0x10000001000: #GP      a write the CPU refused
 * What a value does is the caller's business: a CR3 that maps nothing
 * still brings the OS down, as it would natively. */
#include "guestos/cpu/fault_catch.h"
#include "guestos/cpu/regs_try.h"
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"

struct regs_kind {
	const char *prefix;	/* "cr", "dr", "msr" */
	unsigned long long max;	/* highest register number accepted */
	enum regs_space space;
};

static const struct regs_kind kind_cr = { "cr", 15, REGS_CR };
static const struct regs_kind kind_dr = { "dr", 7, REGS_DR };
static const struct regs_kind kind_msr = { "msr", 0xFFFFFFFFULL, REGS_MSR };

static void
print_read(const struct regs_kind *k, unsigned long long n)
{
	uint64_t v;
	int fault = regs_try_read(k->space, (uint32_t)n, &v);
	const char *fmt = k == &kind_msr ? "%s%llx" : "%s%llu";
	kprintf(fmt, k->prefix, n);
	if (fault == FAULT_NONE)
		kprintf("=0x%lx\n", v);
	else
		kprintf(": %s\n", fault_catch_name(fault));
}

static int
regs_cmd(const struct regs_kind *k, int argc, char **argv)
{
	unsigned long long n, value;
	if (argc < 2 || argc > 3 || parse_u64(argv[1], &n) != 0 || n > k->max ||
	    (argc == 3 && parse_u64(argv[2], &value) != 0))
		return -EINVAL;
	if (argc == 2) {
		print_read(k, n);
		return 0;
	}
	int fault = regs_try_write(k->space, (uint32_t)n, value);
	kprintf(k == &kind_msr ? "%s%llx <- 0x%llx: %s" : "%s%llu <- 0x%llx: %s", k->prefix, n, value,
		fault_catch_name(fault));
	if (fault != FAULT_NONE) {
		kprintf("\n");
		return 0;
	}
	kprintf(", ");
	print_read(k, n);
	return 0;
}

static int
cr_cmd(int argc, char **argv)
{
	return regs_cmd(&kind_cr, argc, argv);
}

static int
dr_cmd(int argc, char **argv)
{
	return regs_cmd(&kind_dr, argc, argv);
}

static int
msr_cmd(int argc, char **argv)
{
	return regs_cmd(&kind_msr, argc, argv);
}

/* `lldt SEL`: an LDT the OS loaded (guestos/cpu/gdt.h GDT_LDT) is state too. */
static int
lldt_cmd(int argc, char **argv)
{
	unsigned long long sel;
	if (argc != 2 || parse_u64(argv[1], &sel) != 0 || sel > 0xFFFF)
		return -EINVAL;
	int fault = regs_try_lldt((uint16_t)sel);
	kprintf("ldtr <- 0x%llx: %s\n", sel, fault_catch_name(fault));
	return 0;
}

SHELL_COMMAND(cr, "cr", "cr N [VALUE]", "read or write control register N, faults named", cr_cmd);
SHELL_COMMAND(dr, "dr", "dr N [VALUE]", "read or write debug register N, faults named", dr_cmd);
SHELL_COMMAND(msr, "msr", "msr ADDR [VALUE]", "read or write an MSR, faults named", msr_cmd);
SHELL_COMMAND(lldt, "lldt", "lldt SELECTOR", "load LDTR (0x38: the OS's empty LDT), faults named", lldt_cmd);
