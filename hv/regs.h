/* The guest's general registers as the exit stub saves them. The order is the
 * register numbering of VM-exit qualifications (SDM Vol. 3C §28.2.1
 * "Basic VM-Exit Information", Table 28-3), so a handler indexes gpr[n]. */
#ifndef HV_REGS_H
#define HV_REGS_H

#include <stdint.h>

enum hv_gpr {
	GPR_RAX, GPR_RCX, GPR_RDX, GPR_RBX, GPR_RSP, GPR_RBP, GPR_RSI, GPR_RDI,
	GPR_R8, GPR_R9, GPR_R10, GPR_R11, GPR_R12, GPR_R13, GPR_R14, GPR_R15,
	GPR_COUNT
};

/* gpr[GPR_RSP] is a slot only: the guest RSP lives in the VMCS. */
struct hv_regs {
	uint64_t gpr[GPR_COUNT];
};

#endif
