/* Checked VMCS access (SDM Vol. 3C §31.3 "VMREAD", "VMWRITE"). */
#include "hv/vmx/vmcs.h"
#include "hv/panic.h"
#include "hv/vmx/names.h"
#include "hv/vmx/vmx_insn.h"
#include "kernel/x86.h"

static const char *
failure(int rc)
{
	uint64_t err;
	if (rc == VMX_FAIL_INVALID || vmread(VM_INSTRUCTION_ERROR, &err) != VMX_OK)
		return "VMfailInvalid (no current VMCS)";
	return vmx_instruction_error_name((uint32_t)err);
}

uint64_t
vmcs_read(enum vmcs_field field)
{
	uint64_t v;
	int rc = vmread(field, &v);
	if (rc != VMX_OK)
		hv_panic("VMREAD %x failed: %s", field, failure(rc));
	return v;
}

void
vmcs_write(enum vmcs_field field, uint64_t value)
{
	int rc = vmwrite(field, value);
	if (rc != VMX_OK)
		hv_panic("VMWRITE %x = %lx failed: %s", field, value, failure(rc));
}
