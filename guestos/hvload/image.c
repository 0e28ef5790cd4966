/* Hypervisor image checks: every field of the header is distrusted until it
 * is checked, in an order that never reads past the buffer. */
#include "guestos/hvload/image.h"
#include "kernel/crc32.h"
#include "kernel/errno.h"
#include "kernel/string.h"

#define PAGE 4096ULL

static int
reject(const char **why, const char *reason, int err)
{
	*why = reason;
	return err;
}

/* CRC-32 over the image as hvpack computed it: the checksum field counts as zero. */
static uint32_t
image_crc(const unsigned char *img, uint64_t len)
{
	struct hv_image_header h;
	memcpy(&h, img, sizeof(h));
	h.checksum = 0;
	uint32_t crc = crc32_update(0, &h, sizeof(h));
	return crc32_update(crc, img + sizeof(h), len - sizeof(h));
}

int
image_check(const void *buf, uint64_t len, const char **why)
{
	struct hv_image_header h;
	if (len < sizeof(h))
		return reject(why, "truncated: shorter than the image header", -EIO);
	memcpy(&h, buf, sizeof(h));
	if (h.magic != HV_IMAGE_MAGIC)
		return reject(why, "wrong magic: not a devirt hypervisor image", -ENOEXEC);
	if (h.abi_version != HV_ABI_VERSION)
		return reject(why, "wrong ABI version", -ENOEXEC);
	if (h.header_size != sizeof(h))
		return reject(why, "wrong header size", -EINVAL);
	if (h.link_base != HV_LINK_BASE)
		return reject(why, "wrong link base", -EINVAL);
	if (h.image_size > IMAGE_MAX_BLOCK || h.bss_size > IMAGE_MAX_BLOCK ||
	    h.heap_size > IMAGE_MAX_BLOCK ||
	    h.image_size + h.bss_size + h.heap_size > IMAGE_MAX_BLOCK)
		return reject(why, "impossible sizes: image, bss and heap exceed 64 MiB", -EINVAL);
	if (h.image_size < sizeof(h))
		return reject(why, "impossible sizes: image smaller than its header", -EINVAL);
	/* hv/hv.ld ends the bss on a page boundary and the heap starts there. */
	if ((h.image_size + h.bss_size) % PAGE != 0 || h.heap_size % PAGE != 0)
		return reject(why, "impossible sizes: bss or heap not page aligned", -EINVAL);
	if (h.heap_size < IMAGE_MIN_HEAP)
		return reject(why, "impossible sizes: heap smaller than 64 KiB", -EINVAL);
	if (len < h.image_size)
		return reject(why, "truncated: module shorter than the image size", -EIO);
	if (len > h.image_size)
		return reject(why, "trailing bytes: module longer than the image size", -EINVAL);
	if (h.entry_offset < sizeof(h) || h.entry_offset >= h.image_size)
		return reject(why, "entry point outside the image", -EINVAL);
	if (image_crc(buf, h.image_size) != h.checksum)
		return reject(why, "bad checksum: image corrupted", -EIO);
	*why = "ok";
	return 0;
}

uint64_t
image_block_size(const struct hv_image_header *h)
{
	return h->image_size + h->bss_size + h->heap_size;
}
