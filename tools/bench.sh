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
# costs against native (mode=native comes first). Fractions are printed in
# hundredths (_pct), as every bench value is a whole number.
awk '/^phase devices: ok/ {
	delete v
	for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	m = v["mode"]
	n = split("uart_cost disk_cost lost", keys, " ")
	for (j = 1; j <= n; j++)
		print "bench devices_" m "_" keys[j] "=" v[keys[j]]
	printf "bench devices_%s_exits_per_byte_pct=%d\n", m, v["exits_per_byte"] * 100 + 0.5
	printf "bench devices_%s_exits_per_sector_pct=%d\n", m, v["exits_per_sector"] * 100 + 0.5
	if (m == "native") { nu = v["uart_cost"]; nd = v["disk_cost"] }
	else if (nu && nd) {
		printf "bench devices_%s_uart_vs_native_pct=%d\n", m, v["uart_cost"] * 100 / nu + 0.5
		printf "bench devices_%s_disk_vs_native_pct=%d\n", m, v["disk_cost"] * 100 / nd + 0.5
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
status=$?
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
}' "$out/serial.log" || status=1
# Memory interposition (phase interposed is shadow paging; ept, vtlb and none
# follow): exits and shadow fills of the context-switch and page-fault
# workloads, exits per switch or fault in hundredths (_pct; the workload's result counts
# them), and cpu/ctxsw/pagefault cost against native in per cent.
awk '/^workload (ctxsw|pagefault): ok .* exits=/ {
	for (i = 3; i <= NF; i++) if ($i ~ /^result=/) { split($i, kv, "="); events[$2] = kv[2] }
}
/^phase [a-z]+: ok/ {
	phase = $2; sub(/:$/, "", phase)
	for (i = 4; i <= NF; i++) {
		split($i, kv, "="); v[kv[1]] = kv[2]
		if (phase == "native") native[kv[1]] = kv[2]
	}
	if (phase != "native" && ("ctxsw_exits" in v)) {
		for (w = 1; w <= 2; w++) {
			name = w == 1 ? "ctxsw" : "pagefault"
			print "bench " phase "_" name "_exits=" v[name "_exits"]
			print "bench " phase "_" name "_fills=" v[name "_fills"]
			if (events[name ":"] > 0)
				printf "bench %s_exits_per_%s_pct=%d\n", phase, name, v[name "_exits"] * 100 / events[name ":"]
		}
		split("cpu ctxsw pagefault", ws, " ")
		for (w = 1; w <= 3; w++)
			if (native[ws[w] "_tsc"] > 0)
				printf "bench %s_%s_vs_native_pct=%d\n", phase, ws[w], v[ws[w] "_tsc"] * 100 / native[ws[w] "_tsc"]
	}
	delete v
}' "$out/serial.log"
exit $status
