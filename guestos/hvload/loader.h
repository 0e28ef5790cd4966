/* Loading a hypervisor image from a multiboot2 module into memory the OS
 * reserves for it, and giving that memory back. */
#ifndef GUESTOS_HV_LOADER_H
#define GUESTOS_HV_LOADER_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/abi.h"
#include "kernel/multiboot2.h"

#define LOADER_DEFAULT_MODULE "hv"

/* Remembers the boot information, where the modules are described. */
void loader_init(const struct mb2_info *info);

/* Finds the module whose command line is `name`, checks it, copies it into
 * one contiguous block (image, zeroed bss and heap), verifies the copy and
 * maps the block at HV_LINK_BASE. On failure prints one line naming the
 * problem and changes nothing.
 * RETURNS: 0; -EBUSY (an image is loaded), -ENOENT (no such module), the
 * image_check error, -ENOMEM, or -EIO (the copy does not verify). */
int loader_load(const char *name);

/* Unmaps the block and frees every page of it. RETURNS: 0, or -ENOENT. */
int loader_unload(void);

/* RETURNS: true while an image is loaded. */
bool loader_is_loaded(void);

/* RETURNS: the entry point's address, the block's physical base and size,
 * the module name it came from (meaningful while loaded). */
uint64_t loader_entry(void);
uint64_t loader_base(void);
uint64_t loader_size(void);
const char *loader_name(void);

#endif
