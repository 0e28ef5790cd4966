/* The recovery half of catch.S: a kernel fault while a catch_* access runs. */
#include "guestos/cpu/catch.h"
#include "kernel/x86.h"

struct catch_info catch_last;
extern uint64_t catch_resume, catch_rsp;

int
catch_fault(uint64_t vector, uint64_t error, uint64_t *rip, uint64_t *rsp)
{
	if (!catch_resume)
		return 0;
	catch_last.vector = vector;
	catch_last.error = error;
	catch_last.cr2 = read_cr2();
	*rip = catch_resume;
	*rsp = catch_rsp;
	catch_resume = 0;
	return 1;
}
