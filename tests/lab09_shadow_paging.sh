#!/usr/bin/env bash
# Lab 09: shadow paging (shadow_entry in hv/shadow_entry.c, the leaf the
# hypervisor builds from each guest translation). In Bochs, under the shadow
# cache and the virtual TLB: ring-3 workloads that switch address spaces,
# fault pages in and pass bad pointers give their native results, pagetest
# maps and unmaps 600 pages, every attack on the hypervisor's memory is
# blocked, and the hypervisor filled shadows (hv status). While devirtualizing
# (lab 12) is still to do, `hv off` fails at its stub: what comes before it
# is checked, under the shadow cache only.
source "$(dirname "$0")/lib.sh"
build build/devirt.iso build/disk.img
typed_script "$OUT/script" "hv load" "hv on" "run ctxsw 50" "run pagefault 32" "run spaces 20" "run badptr" \
	"run fault-null" "pagetest" "attack all" "hv status" "hv off" "hv on vtlb" "run spaces 20" "run pagefault 32" \
	"hv status" "hv off" "hv unload"
cp build/disk.img "$OUT/disk.img"
boot bochs build/devirt.iso "$OUT/script" 200 --disk "$OUT/disk.img"
log=$OUT/bochs/serial.log
later_stub "$log" 09
shadow=("hv: on: interposed in" "workload ctxsw: ok n=50 result=100 " \
	"workload pagefault: ok n=32 result=32 " "workload spaces: ok n=20 result=60 " "workload badptr: ok n=1 result=7 " \
	"workload fault-null: ok n=1 result=killed-#PF " "pagetest: ok pages=600" "hv: memory shadow: ")
if [ -n "$STOP" ]; then
	expect_lines "$log" "${shadow[@]}" "hv: off failed: ENOSYS" || fail "see $log"
else
	expect_lines "$log" "${shadow[@]}" \
		"hv: off: native again in" "workload spaces: ok n=20 result=60 " "workload pagefault: ok n=32 result=32 " \
		"hv: memory vtlb: " "hv: off: native again in" || fail "see $log"
fi
grep -Eq "^attack: ([0-9]+) attacks, \1 blocked, .*\(unchanged\), OS alive" "$log" ||
	fail "an attack got through: $(grep -m1 ': THROUGH' "$log")"
awk '/^hv: memory (shadow|vtlb): / && $4 + 0 == 0 { bad = 1 } END { exit bad }' "$log" || fail "no shadow fills counted"
! grep -aq 'PANIC' "$log" || fail "a panic in $log"
echo "lab09: the guest runs on shadow tables built by shadow_entry, the block out of reach${STOP:+; hv off stopped at: $STOP}"
