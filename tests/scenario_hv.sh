#!/usr/bin/env bash
# scenario=hv in Bochs: the hypervisor slides under the OS, workloads run as a
# guest, the hypercalls hold up, it devirtualizes and unloads, ten more
# cycles leak nothing; then the machine powers off by itself.
source "$(dirname "$0")/lib.sh"
make -s build/devirt-hv.iso || fail "cannot build build/devirt-hv.iso"
copy_disk
boot bochs build/devirt-hv.iso /dev/null 240 --disk "$OUT/disk.img" || fail "session failed; see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
expect_lines "$log" "guestos: booted, cmdline \"scenario=hv\"" "scenario: hv" \
	"guestos> hv on" "hv: on: interposed in " "\"devirt-hv   \"" \
	"workload cpu: ok n=20000 result=2262 " "workload preempt: ok n=200000 result=17984 " \
	"workload syscall: ok n=1000 result=1000 " "workload pagefault: ok n=64 result=64 " \
	"workload fault-vmcall: ok n=1 result=killed-#UD" "hv: image \"hv\" at " "hv check: PASS" \
	"hv: off: native again in " "hv: unloaded, free pages " "leaked 0" "scenario: hv done" ||
	fail "unexpected output in $log"
free=$(awk '/^mem: / { print $2 }' "$log" | sort -u)
[ "$(echo "$free" | wc -l)" = 1 ] || fail "free pages differ between start and end: $(echo $free)"
