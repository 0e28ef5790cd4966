/* `hv probe`: checks, from the OS's side, that VMX is invisible: VMXON
 * faults, IA32_FEATURE_CONTROL and the VMX capability MSRs fault, CR4.VMXE
 * reads 0 and cannot be set. Natively the MSRs read fine and VMXE can be set
 * (VMXON still faults: CR4.VMXE is off). The probes run under a private IDT
 * that catches #UD and #GP, with interrupts off. */
#include <stdbool.h>
#include "guestos/cpu/gdt.h"
#include "guestos/hvload/probe.h"
#include "guestos/cpu/irq.h"
#include "kernel/console.h"
#include "kernel/desc.h"
#include "kernel/string.h"
#include "kernel/vectors.h"
#include "kernel/x86.h"

/* probe_insn.S */
extern uint64_t probe_vector;
void probe_vmxon(void);
void probe_rdmsr(uint32_t msr);
void probe_set_vmxe(void);
void probe_ud(void);
void probe_gp(void);

static struct idt_gate probe_idt[VECTOR_GP + 1] __attribute__((aligned(16)));

static void
set_gate(int v, void (*fn)(void))
{
	probe_idt[v] = desc_gate((uint64_t)fn, GDT_KERNEL_CODE, 0, GATE_INTERRUPT);
}

static const char *
outcome(void)
{
	return probe_vector ? vector_name(probe_vector) : "ok";
}

void
probe_run(void)
{
	struct desc_ptr os_idt, idt = { sizeof(probe_idt) - 1, (uint64_t)probe_idt };
	char results[4][8];
	memset(probe_idt, 0, sizeof(probe_idt));
	set_gate(VECTOR_UD, probe_ud);
	set_gate(VECTOR_GP, probe_gp);
	uint64_t flags = irq_save();
	bool vmxe_visible = read_cr4() & CR4_VMXE;
	sidt(&os_idt);
	lidt(&idt);
	probe_vector = 0;
	probe_vmxon();
	strlcpy(results[0], outcome(), sizeof(results[0]));
	probe_vector = 0;
	probe_rdmsr(MSR_IA32_FEATURE_CONTROL);
	strlcpy(results[1], outcome(), sizeof(results[1]));
	probe_vector = 0;
	probe_rdmsr(MSR_IA32_VMX_BASIC);
	strlcpy(results[2], outcome(), sizeof(results[2]));
	probe_vector = 0;
	probe_set_vmxe();
	strlcpy(results[3], outcome(), sizeof(results[3]));
	lidt(&os_idt);
	irq_restore(flags);
	kprintf("hv probe: CR4.VMXE reads %d, VMXON %s, RDMSR IA32_FEATURE_CONTROL %s, RDMSR IA32_VMX_BASIC %s, "
		"setting CR4.VMXE %s\n",
		vmxe_visible, results[0], results[1], results[2], results[3]);
}
