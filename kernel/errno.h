/* Error codes: int functions return 0 or one of these, negated. */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define EIO 5
#define E2BIG 7
#define ENOEXEC 8
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ENOSYS 38
#define ETIMEDOUT 110

/* Name of an error code ("EINVAL"), for one-line error messages. */
const char *errno_name(int err);

#endif
