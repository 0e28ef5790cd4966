/* Shell command `cpuid LEAF [SUBLEAF]`: what the CPU (or a hypervisor under
 * us) answers, with the three signature registers as text for vendor leaves. */
#include "guestos/shell/shell.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

static void
printable(char *out, uint32_t r)
{
	for (int i = 0; i < 4; i++) {
		char c = (char)(r >> (8 * i));
		out[i] = c >= 0x20 && c < 0x7F ? c : '.';
	}
}

static int
cpuid_cmd(int argc, char **argv)
{
	unsigned long long leaf, sub = 0;
	if (argc < 2 || argc > 3 || parse_u64(argv[1], &leaf) != 0 || leaf > 0xFFFFFFFFULL ||
	    (argc == 3 && (parse_u64(argv[2], &sub) != 0 || sub > 0xFFFFFFFFULL)))
		return SHELL_USAGE;
	uint32_t a, b, c, d;
	cpuid((uint32_t)leaf, (uint32_t)sub, &a, &b, &c, &d);
	char text[13];
	printable(text, b);
	printable(text + 4, c);
	printable(text + 8, d);
	text[12] = 0;
	kprintf("cpuid %llx.%llx: eax=%08x ebx=%08x ecx=%08x edx=%08x \"%s\"\n", leaf, sub, a, b, c, d, text);
	return 0;
}

SHELL_COMMAND(cpuid, "cpuid", "cpuid LEAF [SUBLEAF]", "run CPUID and print the registers", cpuid_cmd);
