/* The canonical-address rule, one copy for both images and the host tests. */
#include "kernel/va.h"

bool
va_is_canonical(uint64_t va)
{
	/* Sign-extending bit 47 must give back va. */
	return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}
