/* Names for VMX numbers, so every report says what happened in SDM words. */
#ifndef HV_VMX_NAMES_H
#define HV_VMX_NAMES_H

#include <stdint.h>

/* RETURNS: the basic exit reason's name (bits 15:0 of reason are used), or "unknown". */
const char *vmx_exit_reason_name(uint32_t reason);

/* RETURNS: the VM-instruction error's name, or "unknown VM-instruction error". */
const char *vmx_instruction_error_name(uint32_t error);

#endif
