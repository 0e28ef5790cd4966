/* System calls: `int $0x80` from ring 3 with the number in RAX, arguments in
 * RDI, RSI, RDX; the result (>= 0, or a negative errno) comes back in RAX.
 * Pointers must lie in the task's user range and be mapped (untouched heap
 * pages are faulted in); otherwise the call returns -EFAULT. */
#ifndef GUESTOS_SYSCALL_H
#define GUESTOS_SYSCALL_H

#include "guestos/cpu/trap.h"

#define SYS_WRITE 0	 /* write(buf, len): to the console; RETURNS: bytes written */
#define SYS_GETPID 1	 /* getpid() */
#define SYS_YIELD 2	 /* yield(): RETURNS 0 */
#define SYS_SLEEP 3	 /* sleep(ticks): RETURNS 0 */
#define SYS_EXIT 4	 /* exit(code): does not return */
#define SYS_DISK_READ 5	 /* disk_read(lba, buf): one SECTOR_SIZE sector; RETURNS 0 */
#define SYS_DISK_WRITE 6 /* disk_write(lba, buf) */

/* Called by trap_dispatch for TRAP_SYSCALL; sets tf->rax. */
void syscall_dispatch(struct trap_frame *tf);

#endif
