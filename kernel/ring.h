/* A byte ring buffer for one producer and one consumer, e.g. an interrupt
 * handler filling it and a thread draining it. Pure C: host unit-tested. */
#ifndef KERNEL_RING_H
#define KERNEL_RING_H

#include <stddef.h>
#include <stdint.h>

struct ring {
	uint8_t *buf;
	size_t size;	/* a power of two */
	size_t head;	/* next write; only the producer stores it */
	size_t tail;	/* next read; only the consumer stores it */
};

/* RETURNS: 0, or -EINVAL when size is not a power of two (>= 2). */
int ring_init(struct ring *r, uint8_t *buf, size_t size);

/* Producer side. RETURNS: 0, or -ENOSPC when the ring is full (the byte is dropped). */
int ring_put(struct ring *r, uint8_t byte);

/* Consumer side. RETURNS: the number of bytes copied into out (0 when empty). */
size_t ring_get(struct ring *r, uint8_t *out, size_t n);

#endif
