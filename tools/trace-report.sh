#!/usr/bin/env bash
# trace-report.sh BOCHS_LOG TRACE_LOG OUTDIR: turns a Bochs run with the CPU debug
# report on (tools/bochs.sh --trace) into
#   OUTDIR/timeline.txt   one line per VM exit: Bochs tick, exit reason, guest RIP
#   OUTDIR/reasons.txt    exits per reason, with their share
#   OUTDIR/exits.svg      cumulative exits per reason over time (gnuplot)
# Bochs logs each exit as "TICK d[CPU0  ] VMEXIT reason = N (NAME) qualification=0xQ";
# the guest RIP comes from the hypervisor's trace build (TRACE=1), which prints
# "[trace] exit N reason=R rip=0x..." for every exit on the debug console
# (port 0xE9, which Bochs copies to its output: TRACE_LOG): the two lists are joined by
# position, and a reason that differs between them is reported as an error.
set -euo pipefail
blog=$1 slog=$2 out=$3
mkdir -p "$out"
grep -a '\[trace\] exit ' "$slog" | tr -d '\r' > "$out/hv-trace.txt" || true
awk -v hvtrace="$out/hv-trace.txt" '
BEGIN {
	n = 0
	while ((getline line < hvtrace) > 0) {
		split(line, f, /[ =]+/)
		for (i in f) if (f[i] == "reason") hvreason[n] = f[i + 1]; else if (f[i] == "rip") hvrip[n] = f[i + 1]
		n++
	}
	traced = n; n = 0; mismatch = 0
}
/VMEXIT reason = / {
	tick = $1; sub(/[a-z]\[.*/, "", tick); tick += 0
	match($0, /reason = [0-9]+/); reason = substr($0, RSTART + 9, RLENGTH - 9)
	match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/ /, "_", name)
	rip = "?"
	if (n < traced) {
		rip = hvrip[n]
		if (hvreason[n] != reason) { mismatch++; rip = rip "!" }
	}
	printf "%14d  %-3s %-28s %s\n", tick, reason, name, rip > "'"$out"'/timeline.txt"
	count[name]++; total++; n++
}
END {
	for (r in count) printf "%-28s %8d %6.1f%%\n", r, count[r], 100 * count[r] / total | "sort -k2 -nr > '"$out"'/reasons.txt"
	if (traced && traced != n) printf "trace-report: %d exits in the Bochs log, %d in the hypervisor trace\n", n, traced > "/dev/stderr"
	if (mismatch) printf "trace-report: %d exits whose reason differs between the logs (marked !)\n", mismatch > "/dev/stderr"
	if (!total) { print "trace-report: no VM exits in the log (was the run made with --trace?)" > "/dev/stderr"; exit 1 }
}' "$blog"
# Cumulative count per reason: one data block per reason for gnuplot.
awk '{ c[$3]++; printf "%s %d %s\n", $3, c[$3], $1 }' "$out/timeline.txt" |
	sort -k1,1 -s | awk 'BEGIN { prev = "" } $1 != prev { if (prev != "") printf "\n\n"; printf "# %s\n", $1; prev = $1 } { print $3 / 1e6, $2 }' > "$out/cumulative.dat"
names=$(awk '{ print $3 }' "$out/timeline.txt" | sort -u | tr '\n' ' ')
{
	echo "set terminal svg size 900,500 dynamic background rgb 'white'"
	echo "set output '$out/exits.svg'"
	echo "set title 'VM exits over time (Bochs)'"
	echo "set xlabel 'Bochs ticks (millions of instructions)'"
	echo "set ylabel 'exits so far'"
	echo "set key left top"
	i=0
	printf "plot "
	for n in $names; do
		[ $i -gt 0 ] && printf ", "
		printf "'%s' index %d with steps title '%s'" "$out/cumulative.dat" $i "${n//_/ }"
		i=$((i + 1))
	done
	echo
} > "$out/exits.gnuplot"
gnuplot "$out/exits.gnuplot"
echo "trace: $(wc -l < "$out/timeline.txt") exits; $out/timeline.txt, $out/reasons.txt, $out/exits.svg"
cat "$out/reasons.txt"
