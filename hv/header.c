/* The image header, first bytes of the image file. Sizes come from the linker
 * script; tools/hvpack fills in the checksum after objcopy. */
#include "hv/abi.h"
#include "hv/hv.h"

extern char hv_image_size[], hv_bss_size[], hv_image_start[];

/* VMXON region, VMCS, bitmaps and page tables (about 16 pages), then the
 * shadow page pool (hv/shadow_pt.c, 128 pages). */
#define HV_HEAP_SIZE (1024 * 1024)

__attribute__((section(".hv_header"), used)) const struct hv_image_header hv_image_header = {
	.magic = HV_IMAGE_MAGIC,
	.abi_version = HV_ABI_VERSION,
	.header_size = sizeof(struct hv_image_header),
	.image_size = (uint64_t)hv_image_size,
	.bss_size = (uint64_t)hv_bss_size,
	.heap_size = HV_HEAP_SIZE,
	.link_base = HV_LINK_BASE,
	.entry_offset = (uint64_t)hv_entry - HV_LINK_BASE,
	.checksum = 0,
};
