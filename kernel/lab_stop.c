/* lab_not_implemented() for the OS: a stub that cannot fail stops the machine.
 * The hypervisor links hv/vmx/lab_stop.c instead (Makefile HV_SRC). */
#include "lab.h"
#include "power.h"

void
lab_not_implemented(const char *what)
{
	lab_report(what);
	power_off(POWER_FAIL);
}
