/* Intercepted port I/O. The power-off ports are the OS's own
 * (kernel/power.h); the access is done for the guest as it asked, after one
 * line saying the OS is going away under the hypervisor. The devices' ports
 * go to hv/emulate.c, which answers from a model or the hardware. */
#include "hv/io.h"
#include "hv/arch.h"
#include "hv/emulate.h"
#include "hv/mem.h"
#include "hv/panic.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/power.h"
#include "kernel/pt.h"
#include "kernel/vectors.h"
#include "kernel/x86.h"

#define IO_STRING_BYTES 1024

static bool power_off_noted;

void
io_intercepts(void (*intercept)(uint16_t port))
{
	/* An access exits if the bitmap bit of any byte it touches is set (SDM
	 * Vol. 3C §26.1.3 "Instructions That Cause VM Exits Conditionally"):
	 * the 32-bit exit port and 16-bit PM1a control are covered by their
	 * first byte, but a guest may start at any of them. */
	for (uint16_t p = 0; p < 4; p++)
		intercept(POWER_QEMU_EXIT_PORT + p);
	intercept(POWER_BOCHS_PORT);
	intercept(POWER_ACPI_PM1A_CNT);
	intercept(POWER_ACPI_PM1A_CNT + 1);
}

static bool
is_power_port(uint16_t port)
{
	return (port >= POWER_QEMU_EXIT_PORT && port < POWER_QEMU_EXIT_PORT + 4) || port == POWER_BOCHS_PORT ||
	       port == POWER_ACPI_PM1A_CNT || port == POWER_ACPI_PM1A_CNT + 1;
}

bool
io_exit(struct hv_regs *r, uint16_t port, unsigned size, bool in)
{
	uint64_t *rax = &r->gpr[GPR_RAX];
	if (in) {
		uint64_t v = emulate_in(port, size);
		uint64_t mask = size == 4 ? 0xFFFFFFFFULL : (1ULL << (8 * size)) - 1;
		/* A 32-bit IN zero-extends into RAX; 8 and 16 bits merge. */
		*rax = size == 4 ? v : (*rax & ~mask) | v;
	} else {
		if (is_power_port(port) && !power_off_noted) {
			power_off_noted = true;
			kprintf("[hv] the OS powers off while interposed\n");
			console_flush();
		}
		emulate_out(port, size, (uint32_t)*rax);
	}
	arch_skip_instruction();
	return true;
}

/* A register the string instruction advances: only the address-size bits
 * change (a 32-bit result zero-extends, as 32-bit register writes do). */
static void
advance(uint64_t *reg, uint64_t mask, int64_t by)
{
	uint64_t v = (*reg + (uint64_t)by) & mask;
	*reg = mask == 0xFFFF ? (*reg & ~mask) | v : v;
}

/* Nothing runs between the check and the copy: a failure is a bug here. */
static void
copy_checked(const struct mem_guest_access *a, uint64_t va, void *buf, uint64_t len)
{
	if (mem_guest_copy(a, va, buf, len))
		hv_panic("string I/O buffer at %lx inaccessible after its check", va);
}

bool
io_string_exit(struct hv_regs *r, uint16_t port, unsigned size, bool in, const struct io_string *s)
{
	static uint8_t buf[IO_STRING_BYTES] __attribute__((aligned(8)));
	uint64_t count = s->rep ? r->gpr[GPR_RCX] & s->addr_mask : 1;
	if (count == 0) {
		arch_skip_instruction();
		return true;
	}
	/* Going down, one element per exit keeps the buffer contiguous. */
	unsigned n = s->down ? 1 : (unsigned)(count < IO_STRING_BYTES / size ? count : IO_STRING_BYTES / size);
	struct mem_guest_access a = { .cr3 = arch_guest_cr3(),
				      .kind = (in ? PF_WRITE : 0) | (arch_guest_cpl() == 3 ? PF_USER : 0) };
	arch_guest_paging(&a.wp, &a.nxe);
	/* The CPU moves the elements one by one, each checked before its port
	 * access: those before the first that faults are done (RCX and RDI or
	 * RSI say so), then that one faults, at the first byte it may not touch
	 * (SDM Vol. 2B "INS/INSB/INSW/INSD" and "REP/REPE/REPZ/REPNE/REPNZ";
	 * Vol. 3A §6.15 Interrupt 14, CR2). A non-canonical address is #GP(0),
	 * not #PF (64-Bit Mode Exceptions). Here the done part completes this
	 * exit and the instruction, run again, faults at once on the next. */
	uint64_t done;
	uint32_t error;
	int err = mem_guest_span(&a, s->linear, (uint64_t)n * size, &done, &error);
	if (err && done < size) {
		if (err == -EINVAL)
			arch_inject_exception(VECTOR_GP, true, 0);
		else
			arch_inject_page_fault(s->linear + done, error);
		return true;
	}
	if (err)
		n = (unsigned)(done / size);
	uint64_t len = (uint64_t)n * size;
	if (in) {
		emulate_in_string(port, size, buf, n);
		copy_checked(&a, s->linear, buf, len);
	} else {
		copy_checked(&a, s->linear, buf, len);
		emulate_out_string(port, size, buf, n);
	}
	advance(&r->gpr[in ? GPR_RDI : GPR_RSI], s->addr_mask, s->down ? -(int64_t)len : (int64_t)len);
	if (s->rep)
		advance(&r->gpr[GPR_RCX], s->addr_mask, -(int64_t)n);
	if (!s->rep || count == n)
		arch_skip_instruction();
	return true;
}
