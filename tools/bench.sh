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
# Devices per driver mode (`driver measure` in each `phase devices`): the
# uart and disk costs, exits per UART byte and per sector, and each mode's
# costs against native (mode=native comes first).
awk '/^phase devices: ok/ {
	delete v
	for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	m = v["mode"]
	n = split("uart_cost disk_cost exits_per_byte exits_per_sector lost", keys, " ")
	for (j = 1; j <= n; j++)
		print "bench devices_" m "_" keys[j] "=" v[keys[j]]
	if (m == "native") { nu = v["uart_cost"]; nd = v["disk_cost"] }
	else if (nu && nd) {
		printf "bench devices_%s_uart_vs_native=%.2f\n", m, v["uart_cost"] / nu
		printf "bench devices_%s_disk_vs_native=%.2f\n", m, v["disk_cost"] / nd
	}
}' "$out/serial.log"
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
