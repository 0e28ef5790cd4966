#!/usr/bin/env bash
# String I/O faults as the CPU gives them (docs/devices.md, "String I/O"):
# `rep insw`/`rep outsw` on the primary disk's data port with a buffer that
# is unmapped, runs from a mapped page into an unmapped one, is read-only or
# is not canonical, natively (Bochs' CPU is the reference) and under `hv on`
# + `hv emulate on ide` (the hypervisor takes the exit and must fault the
# same way). Each answer names the fault, CR2, the error code, RCX left and
# the words that moved; the words after a partial transfer, read or written
# next, show the device moved exactly as far.
source "$(dirname "$0")/lib.sh"
cmd() { printf 'io outb 0x1f6 0xe0\nio outb 0x1f2 1\nio outb 0x1f3 %s\nio outb 0x1f4 0\nio outb 0x1f5 0\nio outb 0x1f7 %s\n' "$1" "$2"; }
mapfile -t probe < <(
	for w in unmapped:256 split:248 readonly:256 noncanon:256; do
		cmd 0 0x20
		echo "io insw 0x1f0 16 @${w%:*}"
		echo "io insw 0x1f0 ${w#*:}"
	done
	cmd 100 0x30
	echo "io outsw 0x1f0 16 0x1234 @unmapped"
	echo "io outsw 0x1f0 16 0x1234 @noncanon"
	echo "io outsw 0x1f0 16 0x1234 @split"
	echo "io outsw 0x1f0 16 0x4321 @readonly"
	echo "io outsw 0x1f0 232 0x5a5a"
	cmd 100 0x20
	echo "io insw 0x1f0 256"
)
typed_script "$OUT/script" "${probe[@]}" "hv load" "hv on" "hv emulate on ide" "${probe[@]}" "hv off"
copy_disk
boot bochs build/devirt.iso "$OUT/script" 400 --disk "$OUT/disk.img" || fail "session failed: see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
expect_lines "$log" "hv: on: interposed in" "ide owner=hypervisor" "hv: off: native again in" "guestos: power off" ||
	fail "missing \"$MISSING_LINE\" in $log"
# The CPU's answers, as the SDM gives them (Vol. 3A §4.7, §6.15; Vol. 2B
# INS and OUTS, 64-Bit Mode Exceptions): both phases must show them.
va=0xffffff8050000000 page=0xffffff8050001000
want=(
	"io: insw 0x1f0 16 @unmapped -> #PF cr2=$page err=0x2 left=16 moved=0"
	"io: insw 0x1f0 16 @split -> #PF cr2=$page err=0x2 left=8 moved=16"
	"io: insw 0x1f0 16 @readonly -> #PF cr2=$va err=0x3 left=16 moved=0"
	"io: insw 0x1f0 16 @noncanon -> #GP err=0x0 left=16 moved=0"
	"io: outsw 0x1f0 16 @unmapped -> #PF cr2=$page err=0x0 left=16 moved=0"
	"io: outsw 0x1f0 16 @noncanon -> #GP err=0x0 left=16 moved=0"
	"io: outsw 0x1f0 16 @split -> #PF cr2=$page err=0x0 left=8 moved=16"
	"io: outsw 0x1f0 16 @readonly -> ok left=0 moved=32"
)
expect_lines "$log" "${want[@]}" "hv: on: interposed in" "${want[@]}" || fail "missing \"$MISSING_LINE\" in $log"
# Every answer, the data read after a partial transfer included, the same.
n=$(printf '%s\n' "${probe[@]}" | grep -c '^io \(insw\|outsw\) ')
awk -v n="$n" 'BEGIN { phase = 0 } /^hv: on: interposed/ { phase = 1 } /^io: (insw|outsw) / { got[phase, ++k[phase]] = $0 }
	END {
		for (p = 0; p < 2; p++) if (k[p] != n) { printf "phase %d: %d string answers, want %d\n", p, k[p], n > "/dev/stderr"; exit 1 }
		for (i = 1; i <= k[0]; i++) if (got[1, i] != got[0, i]) {
			printf "answer %d differs: native \"%s\", interposed \"%s\"\n", i, got[0, i], got[1, i] > "/dev/stderr"; exit 1 }
	}' "$log" || fail "interposed string I/O differs from the CPU's (see $log)"
