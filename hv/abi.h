/* The one interface the guest OS and the hypervisor share: the image header
 * the loader checks, the launch block the OS hands to hv_entry, and the
 * hypercall numbers (docs/hypercalls.md). */
#ifndef HV_ABI_H
#define HV_ABI_H

#include <stdint.h>

#define HV_IMAGE_MAGIC 0x5648545249564544ULL /* "DEVIRTHV" little-endian */
#define HV_ABI_VERSION 2

/* The hypervisor is linked here; the loader maps the image at this address. */
#define HV_LINK_BASE 0xFFFFFFFF80000000ULL

/* Offset 0 of the image file. All offsets are from the start of the image. */
struct hv_image_header {
	uint64_t magic;
	uint32_t abi_version;
	uint32_t header_size;	/* sizeof(struct hv_image_header) */
	uint64_t image_size;	/* bytes in the file: code and data */
	uint64_t bss_size;	/* zeroed memory right after the image */
	uint64_t heap_size;	/* memory after the bss for VMXON/VMCS, page tables, stacks */
	uint64_t link_base;	/* HV_LINK_BASE */
	uint64_t entry_offset;	/* hv_entry(): interpose, see guestos/hvload/loader.c */
	uint32_t checksum;	/* CRC-32 of the image with this field zero */
	uint32_t reserved;
};

/* The live CPU state the OS hands over on `hv on` and gets back on `hv off`
 * or when interposing fails. Only the callee-saved registers travel: the
 * entry is a function call, so the others are dead at that point. The rest
 * of the CPU's state is either not touched by VMX transitions or saved and
 * restored by the hypervisor itself (docs/exactness.md). */
struct hv_cpu_state {
	uint64_t rip, rsp, rflags;
	uint64_t rbx, rbp, r12, r13, r14, r15;
	uint64_t cr0, cr3, cr4, efer, pat;
	uint64_t fs_base, gs_base, kernel_gs_base;
	uint64_t gdtr_base, idtr_base;
	uint64_t dr7, debugctl;	/* a debugger's breakpoints and branch tracing */
	uint16_t gdtr_limit, idtr_limit;
	uint16_t cs, ss, ds, es, fs, gs, tr, ldtr;
	uint16_t reserved[2];
};

/* Debug knob: corrupt the guest state so the VM entry fails, to test the rollback. */
#define HV_LAUNCH_FORCE_BAD_ENTRY (1u << 0)
/* Debug knob: a non-canonical host RIP, so VMLAUNCH itself fails (VMfailValid). */
#define HV_LAUNCH_FORCE_BAD_HOST (1u << 1)
/* Debug knob: a VMXON region that is not page aligned, so VMXON fails (VMfailInvalid). */
#define HV_LAUNCH_FORCE_BAD_VMXON (1u << 2)

/* Memory interposition, in flags bits 9:8 (hv/shadow_pt.h, docs/shadow-paging.md). */
#define HV_MEM_SHADOW 0	/* shadow page tables: the default */
#define HV_MEM_NONE 1	/* the OS's own tables, no isolation (teaching baseline) */
#define HV_MEM_EPT 2	/* hardware nested paging */
#define HV_MEM_VTLB 3	/* one shadow flushed on every CR3 load (a virtual TLB): the teaching comparison */
#define HV_LAUNCH_MEM_SHIFT 8
#define HV_LAUNCH_MEM_MASK (3u << HV_LAUNCH_MEM_SHIFT)

#define HV_REASON_LEN 96

/* Passed by pointer to the image entry: int hv_entry(struct hv_launch *).
 * The OS continues at state.rip either as a guest (result 0) or natively
 * after a complete rollback (result < 0, reason says why). */
struct hv_launch {
	uint32_t abi_version;	/* HV_ABI_VERSION */
	uint32_t flags;		/* HV_LAUNCH_* */
	uint64_t phys_base;	/* the reserved block: image, bss, heap */
	uint64_t phys_size;
	struct hv_cpu_state state;
	int32_t result;		/* 0 or a negative errno */
	uint32_t reserved;
	char reason[HV_REASON_LEN];
};

/* Hypercalls: VMCALL from ring 0, number in RAX, arguments in RDI, RSI, RDX,
 * result in RAX: 0 (or a value) / a negative errno. Ring 3 gets #UD. */
#define HC_VERSION 0		/* RETURNS: HV_ABI_VERSION */
#define HC_STATS 1		/* RDI = guest-virtual struct hv_stats *, RSI = its size */
#define HC_DEVIRTUALIZE 2	/* hand the machine back; returns 0 natively */
#define HC_CHECKSUM 3		/* RETURNS: CRC-32 of the image as loaded (header, code, data) */
/* Trap and emulate (docs/devices.md): RDI = the HV_DEV_* the hypervisor owns from
 * now on (0: none), RSI = the vector the OS programmed for IRQ 0 (master ICW2),
 * RDX = for IRQ 8 (slave ICW2). RETURNS: 0; -EINVAL for an unknown device or a
 * vector base that is not a multiple of 8 in 32-248; -EBUSY while the disk is in
 * a data phase (stop again later). */
#define HC_EMULATE 4
#define HV_DEV_UART (1u << 0)	/* COM1, 0x3F8-0x3FF, IRQ 4 */
#define HV_DEV_IDE (1u << 1)	/* primary ATA, 0x1F0-0x1F7 and 0x3F6, IRQ 14 */
#define HC_CONSOLE_WRITE 5	/* RDI = guest-virtual bytes, RSI = length (1..HC_CONSOLE_MAX), sent as they are. RETURNS: length */
#define HC_DISK_IO 6		/* RDI = guest-virtual struct hv_disk_request (8-byte aligned). RETURNS: 0 */
#define HC_CONSOLE_READ 7	/* RDI = guest-virtual buffer, RSI = its length (1..HC_CONSOLE_MAX). RETURNS: bytes received */
#define HC_DEVICE_OWN 8		/* RDI = HV_DEV_* mask, RSI = 1 take / 0 give back, RDX = the UART IRQ's vector */

/* At most this many bytes per console hypercall. */
#define HC_CONSOLE_MAX 4096

/* HC_DISK_IO: one whole request; the buffer holds count * 512 bytes, 2-byte aligned. */
#define HV_DISK_READ 0
#define HV_DISK_WRITE 1
#define HV_DISK_MAX_SECTORS 256
#define HV_DISK_SECTOR 512
struct hv_disk_request {
	uint32_t op;		/* HV_DISK_READ or HV_DISK_WRITE */
	uint32_t count;		/* 1..HV_DISK_MAX_SECTORS */
	uint64_t lba;		/* lba + count <= the disk's sectors */
	uint64_t buf;		/* guest-virtual */
};

/* CPUID leaf 0x40000000: EAX = max leaf, EBX ECX EDX = HV_CPUID_SIGNATURE. */
#define HV_CPUID_BASE 0x40000000
#define HV_CPUID_FEATURES 0x40000001 /* EAX = HV_FEATURE_*, EBX = HV_ABI_VERSION, ECX = HV_HYPERCALL_* */
#define HV_CPUID_SIGNATURE "devirt-hv   "
#define HV_FEATURE_STATS (1u << 0)
#define HV_FEATURE_DEVIRTUALIZE (1u << 1)
#define HV_FEATURE_HYPERCALL_IO (1u << 3)	/* HC_CONSOLE_WRITE/READ, HC_DISK_IO, HC_DEVICE_OWN */
/* The hypercall instruction (CPUID HV_CPUID_FEATURES, ECX): VMCALL under
 * Intel VMX, VMMCALL under AMD SVM. 0 (an older image) means VMCALL. */
#define HV_HYPERCALL_VMCALL 1
#define HV_HYPERCALL_VMMCALL 2

/* What the core counts, by name, the same under every backend: each
 * backend maps its own exit reasons onto these (hv/vmx/exit.c). New events
 * take the next number; the array has room up to HV_EVENTS_MAX without an
 * ABI change, and the OS prints a number it has no name for as "event N". */
enum hv_event {
	HV_EVENT_OTHER,		/* an exit the core has no name for */
	HV_EVENT_EXTINT,	/* an external interrupt arrived */
	HV_EVENT_INTR_WINDOW,	/* the guest can take interrupts again */
	HV_EVENT_EXCEPTION,	/* a guest exception or triple fault */
	HV_EVENT_CPUID,
	HV_EVENT_HLT,
	HV_EVENT_INVLPG,
	HV_EVENT_HYPERCALL,	/* VMCALL or VMMCALL */
	HV_EVENT_VIRT_INSN,	/* a virtualization instruction (VMXON, VMRUN, ...) */
	HV_EVENT_CR_ACCESS,
	HV_EVENT_IO,
	HV_EVENT_MSR,
	HV_EVENTS
};
#define HV_EVENT_NAMES                                                                                  \
	{ "other", "extint", "intr-window", "exception", "cpuid", "hlt", "invlpg", "hypercall", "virt-insn", \
	  "cr-access", "io", "msr" }
#define HV_EVENTS_MAX 32
#define HV_STATS_VECTORS 256

/* What memory interposition did since the interpose. */
struct hv_mem_stats {
	uint64_t mode;		/* HV_MEM_* */
	uint64_t fills;		/* shadow misses filled from the guest's tables */
	uint64_t guest_faults;	/* #PF passed on to the guest */
	uint64_t refused;	/* accesses to the hypervisor's block refused */
	uint64_t flushes;	/* shadow flushes (CR3 loads) */
	uint64_t invlpgs;	/* INVLPG seen */
	uint64_t pool_free;	/* shadow pages free in the pool now */
	uint64_t pool_size;
	uint64_t cache_hits;	/* CR3 loads served by a cached shadow */
	uint64_t zaps;		/* guest writes to a protected table: every shadow dropped */
};

/* One device under trap and emulate (HC_EMULATE), since the interpose. */
struct hv_dev_stats {
	uint64_t owner;		/* 0 the OS, 1 the hypervisor (emulated), 2 waiting for the device to go idle */
	uint64_t port_exits;	/* I/O exits for its ports */
	uint64_t units;		/* UART: bytes sent and received; IDE: sectors moved */
	uint64_t irq_taken;	/* real interrupts its hypervisor driver took */
	uint64_t irq_injected;	/* the OS's vector injected from the model's IRQ line */
	uint64_t switches;	/* times emulation started or stopped */
};
#define HV_DEV_STATS_UART 0
#define HV_DEV_STATS_IDE 1

/* The dual-mode drivers' hypercalls (HC_DEVICE_OWN, HC_CONSOLE_*, HC_DISK_IO), since the interpose. */
struct hv_hcdev_stats {
	uint64_t owned;			/* HV_DEV_* the hypervisor owns now */
	uint64_t uart_irqs_taken;	/* COM1 interrupts its own driver handled */
	uint64_t uart_irqs_forwarded;	/* of those, passed on to the OS: bytes wait for HC_CONSOLE_READ */
	uint64_t console_out;		/* bytes sent for HC_CONSOLE_WRITE */
	uint64_t console_in;		/* bytes handed over by HC_CONSOLE_READ */
	uint64_t disk_requests;		/* HC_DISK_IO requests done */
	uint64_t disk_sectors;		/* sectors they moved */
	uint64_t refused;		/* device hypercalls refused for bad arguments */
};

struct hv_stats {
	uint64_t exits;			/* all VM exits since this interpose */
	uint64_t event[HV_EVENTS_MAX];	/* exits per enum hv_event */
	uint64_t interrupt_vector[HV_STATS_VECTORS];
	uint64_t tsc_in_hv;		/* TSC ticks spent handling exits */
	uint64_t tsc_interpose;		/* TSC ticks from hv_entry to VMLAUNCH */
	uint64_t interposes;		/* times this image slid under the OS */
	struct hv_mem_stats mem;
	struct hv_dev_stats dev[2];	/* HV_DEV_STATS_UART, HV_DEV_STATS_IDE: trap and emulate */
	struct hv_hcdev_stats hcdev;	/* the dual-mode drivers */
};

#endif
