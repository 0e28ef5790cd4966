/* The instruction sequences `irqcheck` (shell/irqcheck_cmd.c) runs with an
 * interrupt already pending and interrupts off; each returns with RFLAGS.IF
 * set. The labels *_after are where the pending interrupt must be taken, as
 * the CPU delivers it natively:
 *
 * irq_probe_sti():   STI; NOP (blocked by STI, SDM Vol. 2B "STI—Set
 *                    Interrupt Flag"); taken after the NOP.
 * irq_probe_movss(): STI; MOV SS; NOP (the NOP blocked by MOV SS, SDM Vol. 3A
 *                    §6.8.3 "Masking Exceptions and Interrupts When Switching
 *                    Stacks"); taken after the NOP.
 * irq_probe_hlt():   STI; HLT: the interrupt wakes it, taken after HLT.
 */
	.text
	.globl irq_probe_sti, irq_probe_sti_after
irq_probe_sti:
	sti
	nop
irq_probe_sti_after:
	nop
	ret

	.globl irq_probe_movss, irq_probe_movss_after
irq_probe_movss:
	mov %ss, %ecx
	sti
	mov %ecx, %ss
	nop
irq_probe_movss_after:
	nop
	ret

	.globl irq_probe_hlt, irq_probe_hlt_after
irq_probe_hlt:
	sti
	hlt
irq_probe_hlt_after:
	nop
	ret
