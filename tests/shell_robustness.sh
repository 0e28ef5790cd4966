#!/usr/bin/env bash
# Robustness of the shell and of `hv` (issue 9): a line past 127 bytes is
# refused whole, also after 300 spaces; arrow keys are not typed into the
# line; out-of-range numbers are errors; `hv cycle` is bounded and a key
# stops it; a failed `hv on` is no interpose; bytes typed while the shell
# is busy are counted when the ring overflows.
source "$(dirname "$0")/lib.sh"
long=$(printf 'x%.0s' $(seq 1 200))
spaces=$(printf ' %.0s' $(seq 1 300))
esc=$(printf 'he\033[A\033[Dlp')
paste=$(printf 'abcdefghijklmnopqrstuvwxyz%.0s' $(seq 1 400))
{
	for c in "$long" "${spaces}help" "$esc" "disk write 0 -1" "disk write 0 300" "run preempt 0" \
		"hv cycle 0" "hv cycle 10001" "hv load" "hv on bad-entry" "hv on" "hv status" "hv off" "hv unload"; do
		printf 'expect guestos> \nsend %s\n' "$c"
	done
	printf 'expect guestos> \nsend hv cycle 10000\nsend q\n'
	printf 'expect guestos> \nsend run cpu 300000\nsend %s\n' "$paste"
	# The paste's own newline may be among the lost bytes: an empty line ends it either way.
	printf 'expect workload cpu: ok\nexpect input bytes lost\nsend \nexpect line too long\nexpect guestos> \nsend poweroff\n'
} > "$OUT/script"
boot bochs build/devirt.iso "$OUT/script" 150 || fail "session failed: see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
expect_lines "$log" "line too long (at most 127 bytes): dropped" "line too long (at most 127 bytes): dropped" \
	"guestos> help" "  cpuid" \
	"usage: disk info" "usage: disk info" "run: preempt: N must be a number from 10000 to" \
	"usage: hv load" "usage: hv load" "hv: loaded" "hv: on failed: VM entry failed" "hv: on: interposed" \
	"hv: abi 2, interpose #1 took" "hv: off: native again" "hv: unloaded" \
	"hv: cycle: stopped by a key" " of 10000 cycles, " \
	"workload cpu: ok" "input bytes lost: typed faster than read" "guestos: power off" \
	|| fail "unexpected output in $log"
grep -q "^disk: wrote" "$log" && fail "disk write with a number out of range wrote something"
exit 0
