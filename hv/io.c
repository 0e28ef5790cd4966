/* Intercepted port I/O. The power-off ports are the OS's own
 * (kernel/power.h); the access is done for the guest as it asked, after one
 * line saying the OS is going away under the hypervisor. */
#include "hv/io.h"
#include "hv/arch.h"
#include "kernel/console.h"
#include "kernel/power.h"
#include "kernel/x86.h"

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

bool
io_exit(struct hv_regs *r, uint16_t port, unsigned size, bool in)
{
	uint64_t *rax = &r->gpr[GPR_RAX];
	if (in) {
		uint64_t v = size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
		uint64_t mask = size == 4 ? 0xFFFFFFFFULL : (1ULL << (8 * size)) - 1;
		/* A 32-bit IN zero-extends into RAX; 8 and 16 bits merge. */
		*rax = size == 4 ? v : (*rax & ~mask) | v;
	} else {
		if (!power_off_noted) {
			power_off_noted = true;
			kprintf("[hv] the OS powers off while interposed\n");
			console_flush();
		}
		if (size == 1)
			outb(port, (uint8_t)*rax);
		else if (size == 2)
			outw(port, (uint16_t)*rax);
		else
			outl(port, (uint32_t)*rax);
	}
	arch_skip_instruction();
	return true;
}
