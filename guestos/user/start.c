/* Where every ring-3 task starts (guestos/task/task.c sets RIP, RDI and RSI). */
#include "guestos/user/ulib.h"

void
user_entry(long arg, long (*main)(long))
{
	sys_exit(main(arg));
}
