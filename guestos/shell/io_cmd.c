/* The `io` shell command: one port access, the same instruction natively and
 * under the hypervisor, so the real device and the emulated one can be
 * compared by hand (docs/devices.md). Console output is drained first, so
 * the UART's transmitter is quiet when its registers are probed. Port I/O
 * at ring 0 cannot fault, so nothing is caught. */
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/crc32.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define IO_WORDS 256

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

static int
io_cmd(int argc, char **argv)
{
	unsigned long long port, v = 0, count;
	if (argc < 3 || parse_u64(argv[2], &port) || port > 0xFFFF)
		return SHELL_USAGE;
	console_flush();
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

SHELL_COMMAND(io, "io", "io inb|inw|inl PORT | outb|outw|outl PORT VALUE | insw PORT COUNT | outsw PORT COUNT VALUE",
	      "one port access (or rep insw/outsw), natively or under the hypervisor", io_cmd);
