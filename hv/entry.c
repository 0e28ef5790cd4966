/* hv_entry: where the guest OS calls into a freshly loaded hypervisor.
 * The interpose sequence is filled in by the hypervisor-core issue. */
#include "kernel/console.h"

void
hv_entry(void)
{
	kprintf("[hv] entry\n");
}
