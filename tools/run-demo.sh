#!/usr/bin/env bash
# run-demo.sh ISO: the main job's report. Boots the demo scenario in Bochs,
# prints every `phase NAME: ...` line the guest OS printed, checks that each
# required phase is there and ok, and ends with `run: PASS` or `run: FAIL`.
set -uo pipefail
iso=$1
out=build/run
required=(boot native load interpose workload devices devirtualize unload cycles)
timeout=${RUN_TIMEOUT:-900}
cp build/disk.img "$out.disk.img" 2>/dev/null || { mkdir -p "$(dirname "$out")"; cp build/disk.img "$out.disk.img"; }
echo "run: Bochs ($BOCHS_CPU), demo scenario; serial log $out/serial.log"
tools/session.sh --emu bochs --iso "$iso" --out "$out" --timeout "$timeout" -- --disk "$out.disk.img" 2>"$out.session.err"
session=$?
result=PASS
grep -E '^phase [a-z]+: ' "$out/serial.log" || true
for p in "${required[@]}"; do
	line=$(grep -m1 -E "^phase $p: " "$out/serial.log")
	if [ -z "$line" ]; then
		echo "phase $p: FAIL missing from the serial log"
		result=FAIL
	elif ! grep -qE "^phase $p: ok" <<<"$line"; then
		result=FAIL
	fi
done
if grep -qE '^phase [a-z]+: FAIL' "$out/serial.log"; then
	result=FAIL
fi
if [ $session -ne 0 ]; then
	echo "phase machine: FAIL $(tail -n1 "$out.session.err")"
	result=FAIL
fi
echo "run: $result"
[ $result = PASS ]
