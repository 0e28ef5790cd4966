/* The names that go with sentinel.h's register bits. */
#include "guestos/cpu/sentinel.h"
#include "kernel/console.h"

void
sentinel_print(uint32_t changed)
{
	static const char *const names[] = { "rbx", "rbp", "r12", "r13", "r14", "r15" };
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (changed & (1u << i))
			kprintf(" %s", names[i]);
}
