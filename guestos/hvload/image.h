/* Validation of a hypervisor image before anything is allocated for it.
 * Pure (no hardware, no allocation): unit-tested on the host. */
#ifndef GUESTOS_HV_IMAGE_H
#define GUESTOS_HV_IMAGE_H

#include <stdint.h>
#include "hv/abi.h"

/* Images, bss and heap above this are refused as impossible sizes. */
#define IMAGE_MAX_BLOCK (64ULL << 20)
/* The heap holds VMXON region, VMCS, bitmaps, page tables and stacks. */
#define IMAGE_MIN_HEAP (64ULL << 10)

/* Checks the header and checksum of the len bytes at buf.
 * RETURNS: 0 when the image can be loaded; -ENOEXEC (not an image of this ABI),
 * -EINVAL (inconsistent or impossible header) or -EIO (truncated, bad
 * checksum), with *why set to a one-line reason. */
int image_check(const void *buf, uint64_t len, const char **why);

/* RETURNS: bytes of the memory block the image needs: image, bss and heap.
 * Only meaningful for an image image_check accepted. */
uint64_t image_block_size(const struct hv_image_header *h);

#endif
