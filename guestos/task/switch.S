/* Task switching.
 *
 * context_switch(old_rsp *rdi, new_rsp rsi, cr3 rdx): called with interrupts
 * off. Pushes the callee-saved registers (SysV ABI: RBX, RBP, R12-R15) on the
 * current kernel stack, stores RSP in *old_rsp, loads CR3 when it differs (a
 * write flushes the TLB; kernel stacks are mapped alike in every space), moves
 * to new_rsp, pops the same six registers and returns into the new task.
 * A new task's stack (guestos/task/task.c) holds six register values and a return
 * address: trap_return (ring-3 task) or kthread_entry (kernel thread).
 *
 * kthread_entry: R12 = function, RBX = argument. Calls fn(arg) with interrupts
 * on, then task_exit(its return value).
 */
	.text
	.globl context_switch
context_switch:
	/* LAB 02 BEGIN: save callee-saved registers and RSP, load CR3 if it differs, switch stacks, restore */
	/* LAB 02 STUB: .pushsection .rodata */
	/* LAB 02 STUB: 2: .asciz "LAB 02: context_switch" */
	/* LAB 02 STUB: .popsection */
	/* LAB 02 STUB: lea 2b(%rip), %rdi */
	/* LAB 02 STUB: call lab_not_implemented */
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	mov %rsp, (%rdi)
	mov %rsi, %rsp
	mov %cr3, %rax
	cmp %rax, %rdx
	je 1f
	mov %rdx, %cr3
1:	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	/* LAB 02 END */

	.globl kthread_entry
kthread_entry:
	mov %rbx, %rdi
	sti
	call *%r12
	mov %rax, %rdi
	call task_exit
	ud2
