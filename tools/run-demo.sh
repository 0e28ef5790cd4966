#!/usr/bin/env bash
# run-demo.sh ISO: the main job's report. Boots the demo scenario in Bochs
# (or, with EMU=kvm, in QEMU with KVM and the host CPU: nested VMX on an
# Intel host, docs/real-hardware.md), prints every `phase NAME: ...` line the
# guest OS printed, checks that each required phase is there and ok, and
# ends with `run: PASS` or `run: FAIL`.
set -uo pipefail
iso=$1
out=build/run
required=(boot native load interpose workload isolation devices devirtualize unload cycles)
timeout=${RUN_TIMEOUT:-900}
cp build/disk.img "$out.disk.img" 2>/dev/null || { mkdir -p "$(dirname "$out")"; cp build/disk.img "$out.disk.img"; }
case ${EMU:-bochs} in
bochs)
	echo "run: Bochs ($BOCHS_CPU), demo scenario; serial log $out/serial.log"
	tools/session.sh --emu bochs --iso "$iso" --out "$out" --timeout "$timeout" -- --disk "$out.disk.img" 2>"$out.session.err"
	session=$? ;;
kvm)
	if ! why=$(tools/qemu.sh --kvm --check 2>&1); then
		echo "run: refused: ${why#qemu.sh: }"
		echo "run: FAIL"
		exit 1
	fi
	[ -z "$why" ] || echo "run: ${why#qemu.sh: }"
	echo "run: QEMU with KVM (-cpu host), demo scenario; serial log $out/serial.log"
	tools/session.sh --emu qemu --iso "$iso" --out "$out" --timeout "$timeout" -- --kvm --disk "$out.disk.img" 2>"$out.session.err"
	session=$? ;;
*)
	echo "run: EMU=${EMU} unknown (bochs or kvm)"
	echo "run: FAIL"
	exit 1 ;;
esac
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
