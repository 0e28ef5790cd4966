/* The one interface the guest OS and the hypervisor share: the image header
 * the loader checks, and the hypercall numbers (docs/hypercalls.md). */
#ifndef HV_ABI_H
#define HV_ABI_H

#include <stdint.h>

#define HV_IMAGE_MAGIC 0x5648545249564544ULL /* "DEVIRTHV" little-endian */
#define HV_ABI_VERSION 1

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
	uint64_t entry_offset;	/* hv_entry(): interpose, see guestos/hv_loader */
	uint32_t checksum;	/* CRC-32 of the image with this field zero */
	uint32_t reserved;
};

#endif
