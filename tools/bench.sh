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
END { exit bad }' "$out/serial.log"
