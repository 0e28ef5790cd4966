#!/usr/bin/env bash
# Lab 02: the context switch with its CR3 load (guestos/task/switch.S context_switch).
# Three ring-3 tasks write different data at the same virtual address and must each
# always see their own; tasks that yield and tasks that are preempted must all finish
# with the right results; a kernel thread and ps still work afterwards. And
# context_switch on its own (`switchcheck`): a context built as a new task's
# frame gets the six callee-saved registers from it, and the one that switched
# away gets its own back.
source "$(dirname "$0")/lib.sh"
build build/devirt.iso build/disk.img
typed_script "$OUT/script" "switchcheck" "run spaces 50" "run ctxsw 50" "run preempt 100000" "ps"
cp build/disk.img "$OUT/disk.img"
boot qemu build/devirt.iso "$OUT/script" 120 --disk "$OUT/disk.img"
log=$OUT/qemu/serial.log
expect_lines "$log" "switchcheck: callee-saved registers kept both ways" \
	"spaces: task " "spaces: task " "spaces: task " "workload spaces: ok n=50 result=150 " \
	"workload ctxsw: ok n=50 result=100 " \
	"workload preempt: ok n=100000 result=9592 " \
	"guestos> ps" "    0 kmain " || fail "unexpected output in $log"
# Each task saw only its own data at the shared address: progress 50 of 50, three times.
[ "$(grep -c 'spaces: task .* progress 50 of 50' "$log")" -eq 3 ] || fail "a task saw another task's data at the shared address (see $log)"
echo "lab02: three address spaces kept apart; yielding and preempted tasks all finished"
