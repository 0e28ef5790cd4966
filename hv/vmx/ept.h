/* Memory interposition with EPT (SDM Vol. 3C §29.3 "The Extended Page Table
 * Mechanism (EPT)"): guest-physical is machine-physical below 4 GiB except
 * the hypervisor's block, which no EPT entry maps. The EPT format is VMX's,
 * so it lives in the backend; which frames are refused is the core's
 * (mem_in_block) and what the guest sees then too (shadow_pt_refused). */
#ifndef HV_VMX_EPT_H
#define HV_VMX_EPT_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/regs.h"

/* Builds the EPT tables from the heap when the CPU has what they need
 * (IA32_VMX_EPT_VPID_CAP: 4-level walks, write-back, 2 MiB pages, INVEPT).
 * RETURNS: 0 and *eptp; -ENODEV with a one-line reason in why[HV_REASON_LEN]. */
int ept_build(uint64_t *eptp, char *why);

/* Leaving VMX: INVEPT drops what the CPU cached from the tables, which go
 * back with the heap. Nothing when EPT was not built. */
void ept_release(void);

/* Exit handlers: EPT violation (the block, or above 4 GiB: the guest gets
 * #PF as under shadow paging) and EPT misconfiguration (our bug: hv_panic). */
bool vmx_exit_ept_violation(struct hv_regs *r);
bool vmx_exit_ept_misconfig(struct hv_regs *r);

#endif
