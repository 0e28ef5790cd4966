#!/usr/bin/env bash
# Lab 09: shadow paging (shadow_entry in hv/shadow_entry.c, the leaf the
# hypervisor builds from each guest translation). In Bochs, under the shadow
# cache and the virtual TLB: ring-3 workloads that switch address spaces,
# fault pages in and pass bad pointers give their native results, pagetest
# maps and unmaps 600 pages, pagerights (dirty flags, a dirty read-only page,
# CR0.WP, no-execute, 2 MiB pages, a supervisor page read from ring 3 after the
# kernel ran in it) answers as it does natively, every attack on the
# hypervisor's memory is blocked (big-page-window under both modes), and the
# hypervisor filled shadows (hv status). While devirtualizing
# (lab 12) is still to do, `hv off` fails at its stub: what comes before it
# is checked, under the shadow cache only.
source "$(dirname "$0")/lib.sh"
build build/devirt.iso build/disk.img
typed_script "$OUT/script" "pagerights" "hv load" "hv on" "run ctxsw 50" "run pagefault 32" "run spaces 20" "run badptr" \
	"run fault-null" "pagetest" "pagerights" "attack all" "hv status" "hv off" "hv on vtlb" "run spaces 20" \
	"run pagefault 32" "pagerights" "attack big-page-window" "hv status" "hv off" "hv unload"
cp build/disk.img "$OUT/disk.img"
boot bochs build/devirt.iso "$OUT/script" 200 --disk "$OUT/disk.img"
log=$OUT/bochs/serial.log
later_stub "$log" 09
bad=$(grep -a -m1 "^pagerights .*: FAIL" "$log")
[ -z "$bad" ] || fail "$bad"
rights="pagerights: ok checks=5"
shadow=("$rights" "hv: on: interposed in" "workload ctxsw: ok n=50 result=100 " \
	"workload pagefault: ok n=32 result=32 " "workload spaces: ok n=20 result=60 " "workload badptr: ok n=1 result=7 " \
	"workload fault-null: ok n=1 result=killed-#PF " "pagetest: ok pages=600" "$rights" "hv: memory shadow: ")
if [ -n "$STOP" ]; then
	expect_lines "$log" "${shadow[@]}" "hv: off failed: ENOSYS" "$rights" || fail "see $log"
else
	expect_lines "$log" "${shadow[@]}" \
		"hv: off: native again in" "workload spaces: ok n=20 result=60 " "workload pagefault: ok n=32 result=32 " \
		"$rights" "attack big-page-window: blocked" "hv: memory vtlb: " "hv: off: native again in" || fail "see $log"
fi
(( $(grep -Ec "^attack: ([0-9]+) attacks, \1 blocked, .*\(unchanged\), OS alive" "$log") == 2 )) ||
	fail "an attack got through: $(grep -m1 ': THROUGH' "$log")"
awk '/^hv: memory (shadow|vtlb): / && $4 + 0 == 0 { bad = 1 } END { exit bad }' "$log" || fail "no shadow fills counted"
! grep -aq 'PANIC' "$log" || fail "a panic in $log"
echo "lab09: the guest runs on shadow tables built by shadow_entry, the block out of reach${STOP:+; hv off stopped at: $STOP}"
