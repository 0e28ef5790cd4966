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
# uart and disk costs, exits per thousand UART bytes and per hundred sectors,
# and each mode's costs in percent of native (mode=native comes first).
# Values stay integers, as every bench line's.
awk '/^phase devices: ok/ {
	delete v
	for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	m = "bench devices_" v["mode"] "_"
	printf "%suart_cost=%d\n%sdisk_cost=%d\n%slost=%d\n", m, v["uart_cost"], m, v["disk_cost"], m, v["lost"]
	printf "%sexits_per_thousand_bytes=%d\n", m, v["exits_per_byte"] * 1000 + 0.5
	printf "%sexits_per_hundred_sectors=%d\n", m, v["exits_per_sector"] * 100 + 0.5
	if (v["mode"] == "native") { nu = v["uart_cost"]; nd = v["disk_cost"] }
	else if (nu && nd) {
		printf "%suart_pct_of_native=%d\n", m, 100 * v["uart_cost"] / nu + 0.5
		printf "%sdisk_pct_of_native=%d\n", m, 100 * v["disk_cost"] / nd + 0.5
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
