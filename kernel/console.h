/* The console: formatted output to whatever sink the image installed
 * (the polled UART at first), mirrored to the emulators' 0xE9 debug port. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* The emulators' debug console: bytes written here appear in QEMU's and Bochs' output. */
#define DEBUGCON_PORT 0xE9

struct console_sink {
	void (*write)(const char *s, size_t n);
	void (*flush)(void);	/* waits until output has left the machine */
};

/* Installs the sink; until then output goes to the polled COM1 UART. */
void console_set_sink(const struct console_sink *sink);
void console_write(const char *s, size_t n);
void console_flush(void);
/* RETURNS: true when the last character written was not a newline. */
bool console_mid_line(void);
/* RETURNS: the number of characters written. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
