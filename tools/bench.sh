#!/usr/bin/env bash
# bench.sh ISO: boots the bench scenario in Bochs and prints `bench KEY=VALUE` lines,
# one per cost figure (TSC counts, exit counts) of each phase. Bochs runs with a fixed instruction rate and a
# virtual clock (tools/bochs.sh), so outside HLT one TSC count is one guest
# instruction and every run gives the same numbers.
set -uo pipefail
iso=$1
out=build/bench
mkdir -p "$out"
cp build/disk.img "$out.disk.img"
tools/session.sh --emu bochs --iso "$iso" --out "$out" --timeout 900 -- --disk "$out.disk.img" 2>"$out.err" ||
	{ echo "bench: FAIL $(tail -n1 "$out.err")"; exit 1; }
awk '/^phase [a-z]+: ok/ {
	phase = $2; sub(/:$/, "", phase)
	for (i = 4; i <= NF; i++) {
		split($i, kv, "=")
		if (kv[1] !~ /_tsc$/ && kv[1] != "exits") continue
		print "bench " (index(kv[1], phase "_") == 1 ? "" : phase "_") $i
	}
}
/^phase [a-z]+: FAIL/ { print "bench: FAIL " $0; bad = 1 }
END { exit bad }' "$out/serial.log" || exit 1
# devirt_ratio: the workloads after `hv off` and `hv unload` against the same
# workloads before `hv load`, summed, in Bochs instructions. 1.000 means the
# hypervisor left nothing behind that costs the OS anything.
awk '/^phase (native|devirtualized): ok/ {
	phase = $2; sub(/:$/, "", phase)
	for (i = 4; i <= NF; i++) {
		split($i, kv, "=")
		if (kv[1] ~ /_tsc$/) { sum[phase] += kv[2]; seen[phase, kv[1]] = kv[2]; keys[kv[1]] = 1 }
	}
}
END {
	if (!sum["native"] || !sum["devirtualized"]) { print "bench: FAIL no native or devirtualized phase"; exit 1 }
	for (k in keys)
		if (seen["native", k] != seen["devirtualized", k])
			print "bench devirt_diff_" k "=" seen["devirtualized", k] - seen["native", k]
	printf "bench devirt_ratio=%.3f\n", sum["devirtualized"] / sum["native"]
}' "$out/serial.log"
