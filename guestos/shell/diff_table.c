/* The differential table (docs/exactness.md): legal and illegal writes to
 * CR0/CR3/CR4/CR8, debug registers and MSRs, descriptor-table loads, VMX
 * and other privileged instructions at ring 0 and ring 3. Every write puts
 * the old value back, so the table can run again and again. Expected
 * faults follow SDM Vol. 2B "MOV—Move to/from Control Registers", "MOV—Move
 * to/from Debug Registers", "WRMSR", "LLDT", "LTR", and Vol. 3A §2.5. */
#include "guestos/shell/diff_table.h"
#include "guestos/cpu/gdt.h"
#include "guestos/user/programs.h"
#include "kernel/x86.h"

#define ALL (~0ULL)
#define BIT(n) (1ULL << (n))
#define CR0_TS BIT(3)
#define CR0_ET BIT(4)
#define CR0_NW BIT(29)
#define CR4_DE BIT(3)
#define CR4_LA57 BIT(12)
#define CR4_FSGSBASE BIT(16)
#define CR4_PCIDE BIT(17)
#define CR4_OSXSAVE BIT(18)
#define MSR_MTRRCAP 0xFE
#define MSR_VMX_BASIC 0x480
#define MSR_VMX_CR0_FIXED0 0x486
#define MSR_VMX_PROCBASED_CTLS2 0x48B
#define NONCANONICAL 0x0000800000000000ULL
#define HIDDEN_VMX "VMX is hidden"

enum special {
	SP_LGDT_SAME, SP_LIDT_SAME, SP_LLDT_LDT, SP_LLDT_TSS, SP_LLDT_PAST_LIMIT, SP_LLDT_TI, SP_LTR_BUSY,
	SP_LTR_LDT, SP_SLDT, SP_STR, SP_SGDT_LIMIT, SP_INVLPG, SP_VMXON, SP_VMXOFF, SP_VMPTRLD, SP_VMREAD,
	SP_DR4_WITH_DE, SP_CR3_MAXPHYADDR, SP_CR3_NOFLUSH_PCIDE,
};

const struct diff_op diff_ops[] = {
	{ "cr0.read", DIFF_CR_READ, 0, 0, 0, NULL, false },
	{ "cr0.same", DIFF_CR_WRITE, 0, ALL, 0, NULL, false },
	{ "cr0.clear_ne", DIFF_CR_WRITE, 0, ~CR0_NE, 0, NULL, false },
	{ "cr0.toggle_wp", DIFF_CR_WRITE, 0, ~CR0_WP, 0, NULL, false },
	{ "cr0.set_ts", DIFF_CR_WRITE, 0, ALL, CR0_TS, NULL, false },
	{ "cr0.clear_et", DIFF_CR_WRITE, 0, ~CR0_ET, 0, NULL, false },
	{ "cr0.undefined_bit8", DIFF_CR_WRITE, 0, ALL, BIT(8), NULL, false },
	{ "cr0.bit32", DIFF_CR_WRITE, 0, ALL, BIT(32), NULL, true },
	{ "cr0.clear_pg", DIFF_CR_WRITE, 0, ~CR0_PG, 0, NULL, true },
	{ "cr0.clear_pe", DIFF_CR_WRITE, 0, ~CR0_PE, 0, NULL, true },
	{ "cr0.nw_without_cd", DIFF_CR_WRITE, 0, ALL, CR0_NW, NULL, true },
	{ "cr1.read", DIFF_CR_READ, 1, 0, 0, NULL, false },
	{ "cr5.write", DIFF_CR_WRITE, 5, 0, 0, NULL, false },
	{ "cr3.read", DIFF_CR_READ, 3, 0, 0, NULL, false },
	{ "cr3.same", DIFF_CR_WRITE, 3, ALL, 0, NULL, false },
	{ "cr3.pwt_pcd", DIFF_CR_WRITE, 3, ALL, 0x18, NULL, false },
	{ "cr3.ignored_low_bits", DIFF_CR_WRITE, 3, ALL, 0x7, NULL, false },
	{ "cr3.bit52", DIFF_CR_WRITE, 3, ALL, BIT(52), NULL, true },
	{ "cr3.bit62", DIFF_CR_WRITE, 3, ALL, BIT(62), NULL, true },
	{ "cr3.bit63_no_pcide", DIFF_CR_WRITE, 3, ALL, BIT(63), NULL, true },
	{ "cr3.bit_maxphyaddr", DIFF_SPECIAL, SP_CR3_MAXPHYADDR, 0, 0, NULL, true },
	{ "cr3.bit63_with_pcide", DIFF_SPECIAL, SP_CR3_NOFLUSH_PCIDE, 0, 0, NULL, true },
	{ "cr4.read", DIFF_CR_READ, 4, 0, 0, NULL, false },
	{ "cr4.same", DIFF_CR_WRITE, 4, ALL, 0, NULL, false },
	{ "cr4.toggle_pge", DIFF_CR_WRITE, 4, ~CR4_PGE, 0, NULL, false },
	{ "cr4.set_fsgsbase", DIFF_CR_WRITE, 4, ALL, CR4_FSGSBASE, NULL, false },
	{ "cr4.set_osxsave", DIFF_CR_WRITE, 4, ALL, CR4_OSXSAVE, NULL, false },
	{ "cr4.set_de", DIFF_CR_WRITE, 4, ALL, CR4_DE, NULL, false },
	{ "cr4.set_pcide", DIFF_CR_WRITE, 4, ALL, CR4_PCIDE, NULL, true },
	{ "cr4.clear_pae", DIFF_CR_WRITE, 4, ~CR4_PAE, 0, NULL, true },
	{ "cr4.set_la57", DIFF_CR_WRITE, 4, ALL, CR4_LA57, NULL, true },
	{ "cr4.reserved_bit15", DIFF_CR_WRITE, 4, ALL, BIT(15), NULL, true },
	{ "cr4.bit32", DIFF_CR_WRITE, 4, ALL, BIT(32), NULL, true },
	{ "cr4.set_vmxe", DIFF_CR_WRITE, 4, ALL, CR4_VMXE, HIDDEN_VMX, false },
	{ "cr8.read", DIFF_CR_READ, 8, 0, 0, NULL, false },
	{ "cr8.write_1", DIFF_CR_WRITE, 8, 0, 1, NULL, false },
	{ "cr8.bit4", DIFF_CR_WRITE, 8, 0, BIT(4), NULL, false },
	{ "dr0.write", DIFF_DR_WRITE, 0, 0, 0x1000, NULL, false },
	{ "dr3.noncanonical", DIFF_DR_WRITE, 3, 0, NONCANONICAL, NULL, false },
	{ "dr6.read", DIFF_DR_READ, 6, 0, 0, NULL, false },
	{ "dr6.bit32", DIFF_DR_WRITE, 6, ALL, BIT(32), NULL, false },
	{ "dr7.read", DIFF_DR_READ, 7, 0, 0, NULL, false },
	{ "dr7.l0", DIFF_DR_WRITE, 7, ALL, 1, NULL, false },
	{ "dr7.bit32", DIFF_DR_WRITE, 7, ALL, BIT(32), NULL, false },
	{ "dr4.alias_dr6", DIFF_DR_READ, 4, 0, 0, NULL, false },
	{ "dr5.alias_dr7", DIFF_DR_WRITE, 5, ALL, 2, NULL, false },
	{ "dr4.with_cr4_de", DIFF_SPECIAL, SP_DR4_WITH_DE, 0, 0, NULL, false },
	{ "msr.efer", DIFF_MSR_READ, MSR_EFER, 0, 0, NULL, false },
	{ "msr.efer_same", DIFF_MSR_WRITE, MSR_EFER, ALL, 0, NULL, false },
	{ "msr.efer_reserved_bit20", DIFF_MSR_WRITE, MSR_EFER, ALL, BIT(20), NULL, false },
	{ "msr.pat", DIFF_MSR_READ, MSR_PAT, 0, 0, NULL, false },
	{ "msr.pat_bad_type", DIFF_MSR_WRITE, MSR_PAT, ~0xFFULL, 2, NULL, false },
	{ "msr.star_write", DIFF_MSR_WRITE, MSR_STAR, 0, 0x0013000800000000ULL, NULL, false },
	{ "msr.lstar_canonical", DIFF_MSR_WRITE, MSR_LSTAR, 0, 0xFFFFFFFF80001000ULL, NULL, false },
	{ "msr.lstar_noncanonical", DIFF_MSR_WRITE, MSR_LSTAR, 0, NONCANONICAL, NULL, false },
	{ "msr.kernel_gs_noncanonical", DIFF_MSR_WRITE, MSR_KERNEL_GS_BASE, 0, NONCANONICAL, NULL, false },
	{ "msr.fs_base_write", DIFF_MSR_WRITE, MSR_FS_BASE, 0, 0x1234000, NULL, false },
	{ "msr.sysenter_eip_write", DIFF_MSR_WRITE, MSR_SYSENTER_EIP, 0, 0xFFFFFFFF80002000ULL, NULL, false },
	{ "msr.tsc_aux_bit32", DIFF_MSR_WRITE, MSR_TSC_AUX, 0, BIT(32), NULL, false },
	{ "msr.debugctl", DIFF_MSR_READ, MSR_IA32_DEBUGCTL, 0, 0, NULL, false },
	{ "msr.apic_base", DIFF_MSR_READ, MSR_APIC_BASE, 0, 0, NULL, false },
	{ "msr.mtrrcap", DIFF_MSR_READ, MSR_MTRRCAP, 0, 0, NULL, false },
	{ "msr.unknown", DIFF_MSR_READ, 0x12345678, 0, 0, NULL, false },
	{ "msr.unknown_write", DIFF_MSR_WRITE, 0xC0001000, 0, 1, NULL, false },
	{ "msr.feature_control", DIFF_MSR_READ, MSR_IA32_FEATURE_CONTROL, 0, 0, HIDDEN_VMX, false },
	{ "msr.feature_control_write", DIFF_MSR_WRITE, MSR_IA32_FEATURE_CONTROL, ALL, 0, HIDDEN_VMX, false },
	{ "msr.vmx_basic", DIFF_MSR_READ, MSR_VMX_BASIC, 0, 0, HIDDEN_VMX, false },
	{ "msr.vmx_cr0_fixed0", DIFF_MSR_READ, MSR_VMX_CR0_FIXED0, 0, 0, HIDDEN_VMX, false },
	{ "msr.vmx_procbased_ctls2", DIFF_MSR_READ, MSR_VMX_PROCBASED_CTLS2, 0, 0, HIDDEN_VMX, false },
	{ "cpuid.0", DIFF_CPUID, 0, 0, 0, NULL, false },
	{ "cpuid.1", DIFF_CPUID, 1, 0, 0, "CPUID.1:ECX VMX clear, hypervisor bit set", false },
	{ "cpuid.7", DIFF_CPUID, 7, 0, 0, NULL, false },
	{ "cpuid.80000001", DIFF_CPUID, 0x80000001, 0, 0, NULL, false },
	{ "cpuid.80000008", DIFF_CPUID, 0x80000008, 0, 0, NULL, false },
	{ "cpuid.40000000", DIFF_CPUID, 0x40000000, 0, 0, "hypervisor leaves", false },
	{ "lgdt.same", DIFF_SPECIAL, SP_LGDT_SAME, 0, 0, NULL, false },
	{ "lidt.same", DIFF_SPECIAL, SP_LIDT_SAME, 0, 0, NULL, false },
	{ "lldt.ldt", DIFF_SPECIAL, SP_LLDT_LDT, 0, 0, NULL, false },
	{ "lldt.tss_selector", DIFF_SPECIAL, SP_LLDT_TSS, 0, 0, NULL, false },
	{ "lldt.past_limit", DIFF_SPECIAL, SP_LLDT_PAST_LIMIT, 0, 0, NULL, false },
	{ "lldt.ti_set", DIFF_SPECIAL, SP_LLDT_TI, 0, 0, NULL, false },
	{ "ltr.busy", DIFF_SPECIAL, SP_LTR_BUSY, 0, 0, NULL, false },
	{ "ltr.ldt_selector", DIFF_SPECIAL, SP_LTR_LDT, 0, 0, NULL, false },
	{ "sldt", DIFF_SPECIAL, SP_SLDT, 0, 0, NULL, false },
	{ "str", DIFF_SPECIAL, SP_STR, 0, 0, NULL, false },
	{ "sgdt.limit", DIFF_SPECIAL, SP_SGDT_LIMIT, 0, 0, NULL, false },
	{ "invlpg", DIFF_SPECIAL, SP_INVLPG, 0, 0, NULL, false },
	{ "vmxon", DIFF_SPECIAL, SP_VMXON, 0, 0, NULL, false },
	{ "vmxoff", DIFF_SPECIAL, SP_VMXOFF, 0, 0, NULL, false },
	{ "vmptrld", DIFF_SPECIAL, SP_VMPTRLD, 0, 0, NULL, false },
	{ "vmread", DIFF_SPECIAL, SP_VMREAD, 0, 0, NULL, false },
	{ "ring3.hlt", DIFF_RING3, RING3_HLT, 0, 0, NULL, false },
	{ "ring3.cli", DIFF_RING3, RING3_CLI, 0, 0, NULL, false },
	{ "ring3.sti", DIFF_RING3, RING3_STI, 0, 0, NULL, false },
	{ "ring3.read_cr0", DIFF_RING3, RING3_READ_CR0, 0, 0, NULL, false },
	{ "ring3.write_cr3", DIFF_RING3, RING3_WRITE_CR3, 0, 0, NULL, false },
	{ "ring3.read_cr8", DIFF_RING3, RING3_READ_CR8, 0, 0, NULL, false },
	{ "ring3.read_dr7", DIFF_RING3, RING3_READ_DR7, 0, 0, NULL, false },
	{ "ring3.rdmsr", DIFF_RING3, RING3_RDMSR, 0, 0, NULL, false },
	{ "ring3.wrmsr", DIFF_RING3, RING3_WRMSR, 0, 0, NULL, false },
	{ "ring3.in", DIFF_RING3, RING3_IN, 0, 0, NULL, false },
	{ "ring3.out", DIFF_RING3, RING3_OUT, 0, 0, NULL, false },
	{ "ring3.invlpg", DIFF_RING3, RING3_INVLPG, 0, 0, NULL, false },
	{ "ring3.lgdt", DIFF_RING3, RING3_LGDT, 0, 0, NULL, false },
	{ "ring3.ltr", DIFF_RING3, RING3_LTR, 0, 0, NULL, false },
	{ "ring3.vmcall", DIFF_RING3, RING3_VMCALL, 0, 0, NULL, false },
	{ "ring3.vmxon", DIFF_RING3, RING3_VMXON, 0, 0, NULL, false },
	{ "ring3.cpuid", DIFF_RING3, RING3_CPUID, 0, 0, NULL, false },
	{ "ring3.rdtsc", DIFF_RING3, RING3_RDTSC, 0, 0, NULL, false },
	{ "ring3.int3", DIFF_RING3, RING3_INT3, 0, 0, NULL, false },
	{ "ring3.ud2", DIFF_RING3, RING3_UD2, 0, 0, NULL, false },
};
const unsigned diff_op_count = sizeof(diff_ops) / sizeof(diff_ops[0]);

static void
lgdt_same(void *value)
{
	struct desc_ptr p;
	sgdt(&p);
	lgdt(&p);
	*(uint64_t *)value = p.limit;
}

static void
lidt_same(void *value)
{
	struct desc_ptr p;
	sidt(&p);
	lidt(&p);
	*(uint64_t *)value = p.limit;
}

static void
lldt_ldt(void *value)
{
	uint16_t old = sldt();
	lldt(GDT_LDT);
	*(uint64_t *)value = sldt();
	lldt(old);
}

static void
lldt_tss(void *value)
{
	(void)value;
	lldt(GDT_TSS);
}

static void
lldt_past_limit(void *value)
{
	(void)value;
	lldt(0x100);
}

static void
lldt_ti(void *value)
{
	(void)value;
	lldt(GDT_LDT | 4);
}

static void
ltr_busy(void *value)
{
	(void)value;
	ltr(str());
}

static void
ltr_ldt(void *value)
{
	(void)value;
	ltr(GDT_LDT);
}

static void
read_ldtr(void *value)
{
	*(uint64_t *)value = sldt();
}

static void
read_tr(void *value)
{
	*(uint64_t *)value = str();
}

static void
sgdt_limit(void *value)
{
	struct desc_ptr p;
	sgdt(&p);
	*(uint64_t *)value = p.limit;
}

static void
invlpg_zero(void *value)
{
	(void)value;
	invlpg(0);
}

static void
try_vmxon(void *value)
{
	(void)value;
	vmxon_probe(0);
}

static void
try_vmxoff(void *value)
{
	(void)value;
	vmxoff_probe();
}

static void
try_vmptrld(void *value)
{
	(void)value;
	vmptrld_probe(0);
}

static void
try_vmread(void *value)
{
	(void)value;
	vmread_probe(0);
}

/* With CR4.DE, DR4 and DR5 are not aliases any more but #UD. The caller puts CR4 back. */
static void
dr4_with_de(void *value)
{
	write_cr4(read_cr4() | CR4_DE);
	*(uint64_t *)value = read_dr6();
	__asm__ volatile("mov %%dr4, %0" : "=r"(*(uint64_t *)value));
}

/* The first bit past MAXPHYADDR (CPUID 0x80000008 EAX[7:0]) is reserved in
 * CR3: #GP. Should the load succeed, the old CR3 goes straight back. */
static void
cr3_maxphyaddr(void *value)
{
	uint32_t a, b, c, d;
	cpuid(0x80000008, 0, &a, &b, &c, &d);
	uint64_t cr3 = read_cr3();
	*(uint64_t *)value = a & 0xFF;
	write_cr3(cr3 | BIT(a & 0xFF));
	write_cr3(cr3);
}

/* With CR4.PCIDE, bit 63 is the no-flush hint and CR3 never holds it. The caller puts CR4 back. */
static void
cr3_noflush_pcide(void *value)
{
	uint64_t cr3 = read_cr3();
	write_cr4(read_cr4() | CR4_PCIDE);
	write_cr3(cr3 | BIT(63));
	*(uint64_t *)value = read_cr3();
}

const struct diff_special diff_specials[] = {
	[SP_LGDT_SAME] = { lgdt_same },	  [SP_LIDT_SAME] = { lidt_same },
	[SP_LLDT_LDT] = { lldt_ldt },	  [SP_LLDT_TSS] = { lldt_tss },
	[SP_LLDT_PAST_LIMIT] = { lldt_past_limit }, [SP_LLDT_TI] = { lldt_ti },
	[SP_LTR_BUSY] = { ltr_busy },	  [SP_LTR_LDT] = { ltr_ldt },
	[SP_SLDT] = { read_ldtr },	  [SP_STR] = { read_tr },
	[SP_SGDT_LIMIT] = { sgdt_limit },  [SP_INVLPG] = { invlpg_zero },
	[SP_VMXON] = { try_vmxon },	  [SP_VMXOFF] = { try_vmxoff },
	[SP_VMPTRLD] = { try_vmptrld },	  [SP_VMREAD] = { try_vmread },
	[SP_DR4_WITH_DE] = { dr4_with_de }, [SP_CR3_MAXPHYADDR] = { cr3_maxphyaddr },
	[SP_CR3_NOFLUSH_PCIDE] = { cr3_noflush_pcide },
};
