/* The hypervisor's own GDT, TSS and IDT: what the CPU uses in VMX root
 * operation, independent of anything the OS might change while it runs. */
#ifndef HV_CPU_H
#define HV_CPU_H

#define HV_CODE_SEL 0x08
#define HV_DATA_SEL 0x10
#define HV_TSS_SEL 0x18

#ifndef __ASSEMBLY__
#include <stdint.h>

/* Builds the tables and loads them: GDTR, CS/DS/ES/SS, TR, IDTR. */
void cpu_init(void);

/* RETURNS: the tables' addresses, for the VMCS host-state area. */
uint64_t cpu_gdt_base(void);
uint64_t cpu_idt_base(void);
uint64_t cpu_tss_base(void);

#endif

#endif
