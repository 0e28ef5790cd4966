/* Shell command `pagerights`: the rights and flags of the OS's own page
 * tables, seen from the accesses they allow. A hypervisor's shadow tables
 * cache them the way a TLB does, so each check gives the same answer natively
 * and under any memory interposition, or the shadow grants too much or maps
 * the wrong frame. Prints "pagerights NAME: ok" or "pagerights NAME: FAIL
 * why" per check, then "pagerights: ok checks=N" or "pagerights: FAIL". */
#include "guestos/cpu/catch.h"
#include "guestos/cpu/irq.h"
#include "guestos/cpu/syscall.h"
#include "guestos/cpu/trap.h"
#include "guestos/hvload/loader.h"
#include "guestos/mm/paging.h"
#include "guestos/mm/pmm.h"
#include "guestos/shell/shell.h"
#include "guestos/task/task.h"
#include "guestos/user/programs.h"
#include "kernel/console.h"
#include "kernel/cr.h"
#include "kernel/errno.h"
#include "kernel/vectors.h"
#include "kernel/x86.h"

/* In PML4[511], away from pagetest's pages and the attack suite's. */
#define PAGERIGHTS_VA (KERNEL_HIGH_BASE + 0x40000000ULL)
#define PAGERIGHTS_MAGIC 0x5249474854530000ULL	/* "RIGHTS" */
#define OPCODE_RET 0xC3

/* RETURNS: true when the last catch_* access faulted with a #PF whose
 * error code has every bit of `bits`. */
static bool
pf_with(uint64_t bits)
{
	return catch_last.vector == VECTOR_PF && (catch_last.error & bits) == bits;
}

/* The D flag is the OS's to read (SDM Vol. 3A §4.8 "Accessed and Dirty
 * Flags"): a read leaves it clear, the first write sets it, even when a
 * translation of the page was cached by the read. */
static const char *
check_dirty(uint64_t *pte)
{
	uint64_t v;
	if (catch_read64(PAGERIGHTS_VA, &v))
		return "a read of a writable page faulted";
	if (*pte & PTE_DIRTY)
		return "a read set the dirty flag";
	if (catch_write64(PAGERIGHTS_VA, PAGERIGHTS_MAGIC))
		return "a write to a writable page faulted";
	if (!(*pte & PTE_DIRTY))
		return "a write left the dirty flag clear";
	return NULL;
}

/* A dirty page made read-only: with CR0.WP set a kernel write faults (SDM
 * Vol. 3A §4.6.1 "Determination of Access Rights"), D or not; with CR0.WP
 * clear it goes through. */
static const char *
check_read_only(uint64_t *pte)
{
	uint64_t v;
	const char *why = NULL;
	*pte &= ~(uint64_t)PTE_WRITE;
	invlpg(PAGERIGHTS_VA);
	if (catch_read64(PAGERIGHTS_VA, &v) || v != PAGERIGHTS_MAGIC)
		why = "a read of the read-only page faulted or read other data";
	else if (!catch_write64(PAGERIGHTS_VA, 1))
		why = "with CR0.WP set, a write to a dirty read-only page went through";
	else if (!pf_with(PF_PRESENT | PF_WRITE))
		why = "the write to a read-only page faulted with another error";
	if (!why) {
		uint64_t cr0 = read_cr0();
		write_cr0(cr0 & ~(uint64_t)CR0_WP);
		int err = catch_write64(PAGERIGHTS_VA, PAGERIGHTS_MAGIC + 1);
		write_cr0(cr0);
		if (err || *(volatile uint64_t *)PAGERIGHTS_VA != PAGERIGHTS_MAGIC + 1)
			why = "with CR0.WP clear, a kernel write to a read-only page did not go through";
	}
	*pte |= PTE_WRITE;
	invlpg(PAGERIGHTS_VA);
	return why;
}

/* A RET on a no-execute page, read and written first: the fetch faults
 * (SDM Vol. 3A §4.6.1; EFER.NXE is set at boot). */
static const char *
check_no_execute(void)
{
	*(volatile uint8_t *)PAGERIGHTS_VA = OPCODE_RET;
	if (!catch_call(PAGERIGHTS_VA))
		return "a call to a no-execute page ran";
	if (!pf_with(PF_PRESENT | PF_FETCH))
		return "the fetch from a no-execute page faulted with another error";
	return NULL;
}

/* The last 4 KiB page of a 2 MiB page of the identity map that holds no
 * part of the hypervisor's block, reached first through that 2 MiB page
 * after a CR3 load (which drops what a virtual TLB cached), then through a
 * 4 KiB alias: the same data (SDM Vol. 3A §4.5 "4-Level Paging": a 2 MiB
 * page's frame is bits 51:21 of its PDE). */
static const char *
check_big_pages(void)
{
	uint64_t pa = 2 * PAGE_SIZE_2M - PAGE_SIZE, lo = 0, hi = 0, v, alias;
	if (loader_is_loaded()) {
		lo = loader_base() & ~(uint64_t)(PAGE_SIZE_2M - 1);
		hi = loader_base() + loader_size();
	}
	while (pa >= lo && pa < hi + PAGE_SIZE_2M)
		pa += PAGE_SIZE_2M;
	if (paging_map_kernel(PAGERIGHTS_VA + PAGE_SIZE, pa, 1, PTE_NX))
		return "could not map an alias";
	const char *why = NULL;
	write_cr3(read_cr3());
	if (catch_read64(pa, &v) || catch_read64(PAGERIGHTS_VA + PAGE_SIZE, &alias))
		why = "a read through a 2 MiB page faulted";
	else if (v != alias)
		why = "a 2 MiB page does not reach the frame a 4 KiB alias of it reads";
	paging_unmap_kernel(PAGERIGHTS_VA + PAGE_SIZE, 1);
	return why;
}

/* Ring 3 reads kernel text its own system call just ran in the same address
 * space: the page is supervisor-only, the task dies of #PF. */
static const char *
check_supervisor(void)
{
	long code = 0;
	bool killed = false;
	uint64_t vector = 0, preemptions;
	int pid = task_spawn_user("pagerights", user_read_after_syscall, (long)(uint64_t)syscall_dispatch);
	if (pid < 0 || task_wait(pid, &code, &killed, &vector, &preemptions))
		return "could not run the ring-3 task";
	if (!killed)
		return "ring 3 read a supervisor page";
	if (vector != VECTOR_PF)
		return "ring 3 died of another fault than #PF";
	return NULL;
}

/* The checks on the page mapped at PAGERIGHTS_VA (pte: its guest PTE).
 * RETURNS: how many failed. */
static int
pagerights_page(uint64_t *pte)
{
	static const char *const names[] = { "dirty", "read-only", "no-execute", "big-pages" };
	const char *why[4];
	uint64_t irq = irq_save();
	why[0] = check_dirty(pte);
	why[1] = why[0] ? "not run" : check_read_only(pte);
	why[2] = check_no_execute();
	why[3] = check_big_pages();
	irq_restore(irq);
	int failed = 0;
	for (unsigned i = 0; i < 4; i++) {
		kprintf("pagerights %s: %s%s\n", names[i], why[i] ? "FAIL " : "ok", why[i] ? why[i] : "");
		failed += why[i] != NULL;
	}
	return failed;
}

static int
pagerights_cmd(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return SHELL_USAGE;
	uint64_t pa = pmm_alloc_page();
	struct pt_walk w;
	int err = pa ? paging_map_kernel(PAGERIGHTS_VA, pa, 1, PTE_WRITE | PTE_NX) : -ENOMEM;
	if (!err && paging_translate(paging_kernel_space(), PAGERIGHTS_VA, &w)) {
		paging_unmap_kernel(PAGERIGHTS_VA, 1);
		err = -EFAULT;
	}
	if (err) {
		if (pa)
			pmm_free_page(pa);
		kprintf("pagerights: FAIL could not map a page\n");
		return err;
	}
	int failed = pagerights_page(w.entry[w.level]);
	paging_unmap_kernel(PAGERIGHTS_VA, 1);
	pmm_free_page(pa);
	const char *user = check_supervisor();
	kprintf("pagerights supervisor: %s%s\n", user ? "FAIL " : "ok", user ? user : "");
	failed += user != NULL;
	if (failed) {
		kprintf("pagerights: FAIL %d of 5 checks\n", failed);
		return -EIO;
	}
	kprintf("pagerights: ok checks=5\n");
	return 0;
}

SHELL_COMMAND(pagerights, "pagerights", "pagerights",
	      "check dirty, read-only, no-execute, 2 MiB and supervisor pages behave as their tables say",
	      pagerights_cmd);
