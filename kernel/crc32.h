/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): the hypervisor image checksum. */
#ifndef KERNEL_CRC32_H
#define KERNEL_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* RETURNS: the CRC continued from `crc` (start with 0) over n bytes. */
uint32_t crc32_update(uint32_t crc, const void *data, size_t n);

#endif
