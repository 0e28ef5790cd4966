/* The hypervisor core's entry and its one failure exit. */
#ifndef HV_HV_H
#define HV_HV_H

#include "hv/abi.h"

/* The image entry (hv_image_header.entry_offset); never returns. */
void hv_entry(struct hv_launch *l) __attribute__((noreturn));

/* Called by hv_entry on the hypervisor stack; never returns. */
void hv_main(struct hv_launch *l) __attribute__((noreturn));

/* Interposing failed: VMX is already off. Reports err and why to the OS's
 * launch block and resumes the OS natively from the state it handed over. */
void hv_fail(int err, const char *why) __attribute__((noreturn));

#endif
