/* Single-producer single-consumer byte ring. head and tail run freely and are
 * reduced modulo size on access, so full (head - tail == size) and empty
 * (head == tail) are told apart without a wasted slot. Each side publishes its
 * index with a release store after touching the data and reads the other side's
 * with an acquire load, so a byte is never read before it is written. */
#include "ring.h"
#include "errno.h"

int
ring_init(struct ring *r, uint8_t *buf, size_t size)
{
	if (size < 2 || (size & (size - 1)) != 0)
		return -EINVAL;
	r->buf = buf;
	r->size = size;
	r->head = 0;
	r->tail = 0;
	return 0;
}

int
ring_put(struct ring *r, uint8_t byte)
{
	size_t tail = __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE);
	if (r->head - tail == r->size)
		return -ENOSPC;
	r->buf[r->head & (r->size - 1)] = byte;
	__atomic_store_n(&r->head, r->head + 1, __ATOMIC_RELEASE);
	return 0;
}

size_t
ring_get(struct ring *r, uint8_t *out, size_t n)
{
	size_t head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);
	size_t got = 0;
	while (got < n && r->tail + got != head) {
		out[got] = r->buf[(r->tail + got) & (r->size - 1)];
		got++;
	}
	__atomic_store_n(&r->tail, r->tail + got, __ATOMIC_RELEASE);
	return got;
}
