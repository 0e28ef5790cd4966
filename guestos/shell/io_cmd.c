/* The `io` shell command: one port access, the same instruction natively and
 * under the hypervisor, so the real device and the emulated one can be
 * compared by hand (docs/devices.md). Console output is drained first, so
 * the UART's transmitter is quiet when its registers are probed. Port I/O
 * at ring 0 cannot fault, but the memory of a string instruction can: with
 * a buffer named by `@WHERE` the fault is caught and printed with how far
 * the instruction got, so the CPU and the hypervisor can be compared. */
#include "guestos/cpu/catch.h"
#include "guestos/cpu/trap.h"
#include "guestos/mm/paging.h"
#include "guestos/mm/pmm.h"
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/crc32.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/vectors.h"
#include "kernel/x86.h"

#define IO_WORDS 256
/* In PML4[511], away from pagetest's, pagerights' and the attack suite's
 * pages; the page after it is never mapped. */
#define IO_FAULT_VA (KERNEL_HIGH_BASE + 0x50000000ULL)
#define IO_SPLIT_BYTES 16
#define IO_NONCANONICAL 0x0000800000000000ULL

/* A named buffer: where it starts and the page at IO_FAULT_VA under it. */
struct io_where {
	const char *name;
	uint64_t va;
	bool map;
	uint64_t flags;
};

static const struct io_where io_wheres[] = {
	{ "unmapped", IO_FAULT_VA + PAGE_SIZE, false, 0 },
	{ "split", IO_FAULT_VA + PAGE_SIZE - IO_SPLIT_BYTES, true, PTE_WRITE },
	{ "readonly", IO_FAULT_VA, true, 0 },
	{ "noncanon", IO_NONCANONICAL, false, 0 },
};

static uint16_t io_buf[IO_WORDS];

/* RETURNS: the access size in bytes named by the last letter of op (b, w, l); 0 for none. */
static unsigned
io_size(const char *op, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(op, prefix, n) != 0 || strlen(op) != n + 1)
		return 0;
	return op[n] == 'b' ? 1 : op[n] == 'w' ? 2 : op[n] == 'l' ? 4 : 0;
}

static int
io_string(const char *op, uint16_t port, unsigned long long count, unsigned long long value)
{
	if (count == 0 || count > IO_WORDS)
		return SHELL_USAGE;
	if (op[0] == 'o') {
		for (unsigned i = 0; i < count; i++)
			io_buf[i] = (uint16_t)value;
		outsw(port, io_buf, (uint32_t)count);
		kprintf("io: outsw 0x%x %llu <- 0x%04llx\n", port, count, value & 0xFFFF);
		return 0;
	}
	insw(port, io_buf, (uint32_t)count);
	kprintf("io: insw 0x%x %llu -> crc32 %08x first %04x %04x %04x %04x\n", port, count,
		crc32_update(0, io_buf, count * 2), io_buf[0], io_buf[1 % count], io_buf[2 % count],
		io_buf[3 % count]);
	return 0;
}

/* The string instruction at w's buffer (outsw: filled with value), caught.
 * Prints the fault, RCX left, how far RDI/RSI went and the crc32 of the
 * words that moved. */
static int
io_string_at(bool in, uint16_t port, uint64_t count, uint64_t value, const struct io_where *w)
{
	uint64_t pa = 0, va = w->va, left = count;
	if (w->map) {
		pa = pmm_alloc_page();
		if (!pa || paging_map_kernel(IO_FAULT_VA, pa, 1, w->flags)) {
			if (pa)
				pmm_free_page(pa);
			kprintf("io: no page for @%s\n", w->name);
			return -ENOMEM;
		}
		for (unsigned i = 0; i < PAGE_SIZE / 2; i++)
			((uint16_t *)pa)[i] = (uint16_t)value;
	}
	int err = in ? catch_rep_insw(port, &va, &left) : catch_rep_outsw(port, &va, &left);
	uint64_t moved = va - w->va;
	uint32_t crc = crc32_update(0, (const void *)w->va, moved);
	kprintf("io: %s 0x%x %lu @%s -> ", in ? "insw" : "outsw", port, count, w->name);
	if (!err)
		kprintf("ok");
	else if (catch_last.vector == VECTOR_PF)
		kprintf("#PF cr2=0x%lx err=0x%lx", catch_last.cr2, catch_last.error);
	else
		kprintf("%s err=0x%lx", trap_name(catch_last.vector), catch_last.error);
	kprintf(" left=%lu moved=%lu crc32 %08x\n", left, moved, crc);
	if (w->map) {
		paging_unmap_kernel(IO_FAULT_VA, 1);
		pmm_free_page(pa);
	}
	return 0;
}

/* RETURNS: the named buffer of `@NAME`, or NULL. */
static const struct io_where *
io_where(const char *arg)
{
	if (arg[0] != '@')
		return NULL;
	for (unsigned i = 0; i < sizeof(io_wheres) / sizeof(io_wheres[0]); i++)
		if (strcmp(arg + 1, io_wheres[i].name) == 0)
			return &io_wheres[i];
	return NULL;
}

static int
io_cmd(int argc, char **argv)
{
	unsigned long long port, v = 0, count;
	if (argc < 3 || parse_u64(argv[2], &port) || port > 0xFFFF)
		return SHELL_USAGE;
	console_flush();
	const struct io_where *w = io_where(argv[argc - 1]);
	if (w && ((strcmp(argv[1], "insw") == 0 && argc == 5) || (strcmp(argv[1], "outsw") == 0 && argc == 6))) {
		if (parse_u64(argv[3], &count) || count == 0 || count > IO_WORDS ||
		    (argc == 6 && parse_u64(argv[4], &v)))
			return SHELL_USAGE;
		return io_string_at(argv[1][0] == 'i', (uint16_t)port, count, v, w);
	}
	if ((strcmp(argv[1], "insw") == 0 && argc == 4) || (strcmp(argv[1], "outsw") == 0 && argc == 5)) {
		if (parse_u64(argv[3], &count) || (argc == 5 && parse_u64(argv[4], &v)))
			return SHELL_USAGE;
		return io_string(argv[1], (uint16_t)port, count, v);
	}
	unsigned in = io_size(argv[1], "in"), out = io_size(argv[1], "out");
	if (in && argc == 3) {
		uint32_t r = in == 1 ? inb((uint16_t)port) : in == 2 ? inw((uint16_t)port) : inl((uint16_t)port);
		kprintf("io: %s 0x%llx -> 0x%x\n", argv[1], port, r);
		return 0;
	}
	if (!out || argc != 4 || parse_u64(argv[3], &v) || (out < 4 && v >> (8 * out)) || v > 0xFFFFFFFFULL)
		return SHELL_USAGE;
	if (out == 1)
		outb((uint16_t)port, (uint8_t)v);
	else if (out == 2)
		outw((uint16_t)port, (uint16_t)v);
	else
		outl((uint16_t)port, (uint32_t)v);
	kprintf("io: %s 0x%llx <- 0x%llx\n", argv[1], port, v);
	return 0;
}

SHELL_COMMAND(io, "io", "io inb|inw|inl PORT | outb|outw|outl PORT VALUE | insw PORT COUNT [@WHERE] | outsw PORT COUNT VALUE [@WHERE]"
	      " (WHERE: unmapped split readonly noncanon)",
	      "one port access (or rep insw/outsw), natively or under the hypervisor", io_cmd);
