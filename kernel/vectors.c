/* Names of the CPU's exceptions, as faults are printed (SDM Vol. 3A §6.15
 * "Exception and Interrupt Reference"). */
#include "kernel/vectors.h"

static const char *const vector_names[VECTOR_EXCEPTIONS] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "?",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "?", "?", "?", "?", "?", "?", "#HV", "#VC", "#SX", "?",
};

const char *
vector_name(uint64_t vector)
{
	return vector < VECTOR_EXCEPTIONS ? vector_names[vector] : "?";
}
