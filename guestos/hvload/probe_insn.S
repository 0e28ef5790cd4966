/* Probes for `hv probe`: instructions whose outcome shows whether VMX is
 * hidden from the OS. Each probe stores its resume point in probe_resume,
 * then runs the instruction. If it faults, probe_ud / probe_gp (gates of
 * the private IDT probe_run.c loads) record the vector in probe_vector and
 * IRETQ to the resume point; otherwise it falls through to the same place.
 * Clobbers RAX, RCX, RDX; interrupts are off throughout.
 *
 * void probe_vmxon(void)          VMXON of a zeroed region
 * void probe_rdmsr(uint32_t msr)  RDMSR
 * void probe_set_vmxe(void)       sets CR4.VMXE, then clears it again
 */
#define CR4_VMXE 0x2000
#define VECTOR_UD 6
#define VECTOR_GP 13

	.text
	.globl probe_vmxon
	.type probe_vmxon, @function
probe_vmxon:
	lea 1f(%rip), %rax
	mov %rax, probe_resume(%rip)
	vmxon probe_region(%rip)
1:	ret

	.globl probe_rdmsr
	.type probe_rdmsr, @function
probe_rdmsr:
	lea 1f(%rip), %rax
	mov %rax, probe_resume(%rip)
	mov %edi, %ecx
	rdmsr
1:	ret

	.globl probe_set_vmxe
	.type probe_set_vmxe, @function
probe_set_vmxe:
	lea 1f(%rip), %rax
	mov %rax, probe_resume(%rip)
	mov %cr4, %rax
	or $CR4_VMXE, %rax
	mov %rax, %cr4
	and $~CR4_VMXE, %rax
	mov %rax, %cr4
1:	ret

	.globl probe_ud
	.type probe_ud, @function
probe_ud:
	movq $VECTOR_UD, probe_vector(%rip)
	jmp 2f
	.globl probe_gp
	.type probe_gp, @function
probe_gp:
	add $8, %rsp		/* the error code */
	movq $VECTOR_GP, probe_vector(%rip)
2:	mov probe_resume(%rip), %rax
	mov %rax, (%rsp)	/* RIP of the interrupt frame */
	iretq

	.data
	.align 8
	.globl probe_vector
probe_vector:	.quad 0
probe_resume:	.quad 0
	.bss
	.align 4096
probe_region:	.skip 4096
