/* EPT tables for "identity minus the block": 2 MiB pages everywhere below
 * 4 GiB, 4 KiB pages in the 2 MiB regions the block touches, and no entry at
 * all for the block's frames (SDM Vol. 3C §29.3.2 "EPT Translation
 * Mechanism", Tables 29-1 to 29-6). Memory type write-back in every leaf;
 * the guest's PAT still applies (§29.3.7 "EPT and Memory Typing"), so its
 * uncached MMIO mappings stay uncached. */
#include "hv/vmx/ept.h"
#include "hv/vmx/vmcs.h"
#include "hv/vmx/vmx.h"
#include "hv/vmx/vmx_insn.h"
#include "hv/arch.h"
#include "hv/mem.h"
#include "hv/panic.h"
#include "hv/shadow_pt.h"
#include "hv/trace.h"
#include "kernel/cr.h"
#include "kernel/errno.h"
#include "kernel/pt.h"
#include "kernel/printf.h"
#include "kernel/vectors.h"
#include "kernel/x86.h"

/* IA32_VMX_EPT_VPID_CAP (SDM Vol. 3D Appendix A.10 "VPID and EPT Capabilities"). */
#define CAP_WALK_4 (1ULL << 6)
#define CAP_WB (1ULL << 14)
#define CAP_2M (1ULL << 16)
#define CAP_INVEPT (1ULL << 20)
#define CAP_INVEPT_SINGLE (1ULL << 25)
#define CAP_INVEPT_ALL (1ULL << 26)

#define EPT_RWX 0x7ULL
#define EPT_WB (6ULL << 3)	/* leaf memory type */
#define EPT_LARGE (1ULL << 7)
#define EPTP_WB 6ULL
#define EPTP_WALK_4 (3ULL << 3)
#define EPT_LIMIT (4ULL << 30)

/* Exit qualification of an EPT violation (SDM Vol. 3C §28.2.1 Table 28-7). */
#define QUAL_WRITE (1ULL << 1)
#define QUAL_FETCH (1ULL << 2)
#define QUAL_LINEAR_VALID (1ULL << 7)

static uint64_t eptp;
static uint64_t invept_type;

static uint64_t *
table_new(uint64_t *entry)
{
	uint64_t *t = mem_alloc_page();
	*entry = mem_pa(t) | EPT_RWX;
	return t;
}

static bool
touches_block(uint64_t pa, uint64_t size)
{
	uint64_t base, len;
	mem_block(&base, &len);
	return pa < base + len && base < pa + size;
}

/* The 2 MiB at pa: one leaf, or a table of 4 KiB leaves without the block. */
static void
map_2m(uint64_t *pde, uint64_t pa)
{
	if (!touches_block(pa, PAGE_SIZE_2M)) {
		*pde = pa | EPT_RWX | EPT_WB | EPT_LARGE;
		return;
	}
	uint64_t *pt = table_new(pde);
	for (unsigned i = 0; i < 512; i++) {
		uint64_t frame = pa + (uint64_t)i * PAGE_SIZE_4K;
		pt[i] = mem_in_block(frame) ? 0 : frame | EPT_RWX | EPT_WB;
	}
}

int
ept_build(uint64_t *out, char *why)
{
	uint64_t cap = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
	uint64_t need = CAP_WALK_4 | CAP_WB | CAP_2M | CAP_INVEPT;
	if ((cap & need) != need || !(cap & (CAP_INVEPT_SINGLE | CAP_INVEPT_ALL))) {
		ksnprintf(why, HV_REASON_LEN, "EPT lacks 4-level walks, write-back, 2 MiB pages or INVEPT (cap %lx)", cap);
		return trace_err(-ENODEV);
	}
	invept_type = cap & CAP_INVEPT_SINGLE ? 1 : 2;
	uint64_t pml4e = 0;
	uint64_t *pml4 = table_new(&pml4e);
	uint64_t *pdpt = table_new(&pml4[0]);
	for (uint64_t pa = 0; pa < EPT_LIMIT; pa += PAGE_SIZE_1G) {
		uint64_t *pd = table_new(&pdpt[pa / PAGE_SIZE_1G]);
		for (unsigned i = 0; i < 512; i++)
			map_2m(&pd[i], pa + (uint64_t)i * PAGE_SIZE_2M);
	}
	eptp = mem_pa(pml4) | EPTP_WALK_4 | EPTP_WB;
	*out = eptp;
	return 0;
}

void
ept_release(void)
{
	if (!eptp)
		return;
	if (invept(invept_type, eptp) != VMX_OK)
		hv_panic("INVEPT of our own EPT tables failed");
	eptp = 0;
}

/* The guest reached a guest-physical address no EPT entry maps: the block
 * (or above 4 GiB). Natively the access would simply work, so there is no
 * architectural answer; the guest gets what shadow paging gives it, a #PF
 * with P|RSVD at the linear address (as if a reserved bit were set), so
 * the OS sees one behaviour whichever way its memory is interposed. With no
 * linear address (not an access a guest instruction names) it gets #GP(0). */
bool
vmx_exit_ept_violation(struct hv_regs *r)
{
	(void)r;
	uint64_t qual = vmcs_read(EXIT_QUALIFICATION);
	if (!(qual & QUAL_LINEAR_VALID)) {
		shadow_pt_refused(0, false);
		arch_inject_exception(VECTOR_GP, true, 0);
		return true;
	}
	uint32_t access = (qual & QUAL_WRITE ? PF_WRITE : 0) | (qual & QUAL_FETCH ? PF_FETCH : 0) |
			  (arch_guest_cpl() == 3 ? PF_USER : 0);
	bool nxe = vmcs_read(GUEST_IA32_EFER) & EFER_NXE;
	vmx_inject_pf(vmcs_read(GUEST_LINEAR_ADDRESS), shadow_pt_refused(access, nxe));
	return true;
}

bool
vmx_exit_ept_misconfig(struct hv_regs *r)
{
	(void)r;
	hv_panic("EPT misconfiguration at guest-physical %lx: an EPT entry we built is invalid",
		 vmcs_read(GUEST_PHYSICAL_ADDRESS));
}
