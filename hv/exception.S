/* Exception entry in the hypervisor: every vector 0-31 pushes a dummy error
 * code when the CPU pushes none, then its number, saves the registers in
 * struct hv_regs order and calls hv_exception(frame), which panics.
 * Runs on IST1 (cpu.c) with interrupts off; never returns. */
#include "asm_offsets.h"
#include "hv/gpr.inc"
#include "kernel/vectors.h"

	.text
	/* altmacro: `stub %v` passes the value of v; plain mode again for the register names below. */
	.altmacro
.macro stub v
hv_exception_\v:
	.if VECTOR_HAS_ERROR(\v) == 0
	pushq $0
	.endif
	pushq $\v
	jmp exception_common
.endm

.macro stubref v
	.quad hv_exception_\v
.endm

.set v, 0
.rept VECTOR_EXCEPTIONS
	stub %v
	.set v, v + 1
.endr
	.noaltmacro

exception_common:
	sub $REGS_SIZE, %rsp
	SAVE_GPRS %rsp
	mov %rsp, %rdi
	and $-16, %rsp
	call hv_exception
	ud2

	.section .rodata
	.align 8
	.globl hv_exception_stubs
hv_exception_stubs:
	.altmacro
.set v, 0
.rept VECTOR_EXCEPTIONS
	stubref %v
	.set v, v + 1
.endr
