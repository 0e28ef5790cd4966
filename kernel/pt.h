/* x86-64 page-table entries and page-fault error codes: the one copy both
 * images, the boot code and the host tests use. Plain hex constants so the
 * assembler reads them too. SDM Vol. 3A §4.5 "4-Level Paging and 5-Level
 * Paging" (Tables 4-15 to 4-20) and §4.7 "Page-Fault Exceptions". */
#ifndef KERNEL_PT_H
#define KERNEL_PT_H

#define PAGE_SIZE_4K 0x1000
#define PAGE_SIZE_2M 0x200000
#define PAGE_SIZE_1G 0x40000000

#define PTE_PRESENT 0x1
#define PTE_WRITE 0x2
#define PTE_USER 0x4
#define PTE_PWT 0x8
#define PTE_PCD 0x10
#define PTE_ACCESSED 0x20
#define PTE_DIRTY 0x40
#define PTE_LARGE 0x80 /* PS: 1 GiB in a PDPTE, 2 MiB in a PDE; reserved in a PML4E */
#define PTE_GLOBAL 0x100
#define PTE_SHARED 0x200 /* software bit (ignored by the CPU): the frame is not the address space's own */
#define PTE_NX 0x8000000000000000
#define PTE_ADDR_MASK 0x000FFFFFFFFFF000

/* The page-fault error code pushed with #PF (SDM Vol. 3A §4.7). */
#define PF_PRESENT 0x1	/* a protection violation, not a missing page */
#define PF_WRITE 0x2
#define PF_USER 0x4
#define PF_RSVD 0x8	/* a reserved bit was set in some paging-structure entry */
#define PF_FETCH 0x10	/* an instruction fetch (with EFER.NXE or CR4.SMEP) */

#endif
