/* Handing the real COM1 over between the OS and the UART model while the
 * hypervisor emulates it (hv/emulate.c): the chip's state read for the
 * model's seed, the chip taken, the model's state written back when
 * emulation stops (docs/devices.md). The bytes themselves go through the
 * one COM1 driver, hv/uart_hw.c. */
#ifndef HV_UART_HANDOVER_H
#define HV_UART_HANDOVER_H

#include <stdint.h>
#include "hv/uart_emul.h"

/* Reads the real chip for uart_emul_seed: registers, divisor, the modem
 * lines and up to 16 bytes already received. FCR is write-only: fcr is the
 * value to assume (the OS's last FCR write), used when IIR shows FIFOs on. */
void uart_handover_read(struct uart_regs *regs, uint8_t fcr);

/* Takes the chip for the hypervisor: FIFOs on with a 1-byte trigger, OUT2 on
 * and only the receive interrupt enabled, so every byte that arrives is an
 * interrupt the hypervisor takes. */
void uart_handover_take(void);

/* Gives the chip back in the state regs describes, received bytes included
 * (looped back through the transmitter, the data sheet's way to fill RBR),
 * IER last. */
void uart_handover_write(const struct uart_regs *regs);

#endif
