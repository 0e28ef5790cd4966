#!/usr/bin/env bash
# Ring-3 tasks in QEMU: every `run` workload, faults that kill only their task,
# bad user buffers, the PML4[511] mapping self-check (pagetest),
# reaping (no task or page left), background workloads while the shell waits
# (`bg`, `ps` shows three ring-3 tasks), and `run disk` without a disk.
source "$(dirname "$0")/lib.sh"
source tests/tasks.inc
tasks_session qemu 90
printf 'expect guestos> \nsend run disk 4\nexpect guestos> \nsend run syscall 5\nexpect guestos> \nsend poweroff\n' > "$OUT/nodisk.script"
OUT=$OUT/nodisk boot qemu build/devirt.iso "$OUT/nodisk.script" 60 --disk none || fail "no-disk session failed; see $OUT/nodisk/qemu/serial.log"
expect_lines "$OUT/nodisk/qemu/serial.log" "workload disk: FAIL no disk" "workload syscall: ok n=5 result=5" || exit 1
