/* int trampoline_enter(struct hv_launch *l, uint64_t entry)
 *
 * Captures what only assembly can (the continuation point, RSP, RFLAGS,
 * the callee-saved registers and the segment selectors) into l->state,
 * turns interrupts off and calls the hypervisor entry with RDI = l. The
 * hypervisor never returns by RET: it resumes the OS at label 1 below with
 * RSP = l->state.rsp (pointing at our return address), the callee-saved
 * registers and RFLAGS as captured, and RAX = the result: 0 as a guest, or
 * a negative errno natively after a rollback. The caller has filled the
 * rest of l->state (control registers, MSRs, descriptor tables, TR).
 */
#include "asm_offsets.h"

	.text
	.globl trampoline_enter
	.type trampoline_enter, @function
trampoline_enter:
	/* LAB 03 BEGIN: record callee-saved registers, RSP, the continuation RIP, RFLAGS and selectors in l->state; interrupts off; call the entry */
	/* LAB 03 STUB: .pushsection .rodata */
	/* LAB 03 STUB: 2: .asciz "LAB 03: trampoline_enter" */
	/* LAB 03 STUB: .popsection */
	/* LAB 03 STUB: lea 2b(%rip), %rdx */
	/* LAB 03 STUB: mov $LAUNCH_REASON_LEN, %esi */
	/* LAB 03 STUB: lea LAUNCH_REASON(%rdi), %rdi */
	/* LAB 03 STUB: jmp lab_missing_why */
	mov %rbx, LAUNCH_RBX(%rdi)
	mov %rbp, LAUNCH_RBP(%rdi)
	mov %r12, LAUNCH_R12(%rdi)
	mov %r13, LAUNCH_R13(%rdi)
	mov %r14, LAUNCH_R14(%rdi)
	mov %r15, LAUNCH_R15(%rdi)
	mov %rsp, LAUNCH_RSP(%rdi)
	lea 1f(%rip), %rax
	mov %rax, LAUNCH_RIP(%rdi)
	pushfq
	popq LAUNCH_RFLAGS(%rdi)
	mov %cs, LAUNCH_CS(%rdi)
	mov %ss, LAUNCH_SS(%rdi)
	mov %ds, LAUNCH_DS(%rdi)
	mov %es, LAUNCH_ES(%rdi)
	mov %fs, LAUNCH_FS(%rdi)
	mov %gs, LAUNCH_GS(%rdi)
	cli
	call *%rsi
	/* LAB 03 END */
1:	ret
