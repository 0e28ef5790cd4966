#!/usr/bin/env bash
# trace.sh BUILD_DIR: `make trace`. Boots BUILD_DIR/devirt-trace.iso (a TRACE=1
# hypervisor) in Bochs with the CPU debug report on, then turns the log into a
# timeline, a per-reason table and an SVG (tools/trace-report.sh).
set -uo pipefail
dir=$1
out=$dir/run
tools/session.sh --emu bochs --iso "$dir/devirt-trace.iso" --out "$out" --timeout 600 -- \
	--disk "$dir/disk.img" --trace 2>"$out.err" || { echo "trace: FAIL $(tail -n1 "$out.err")"; exit 1; }
grep -q '^phase trace: ok' "$out/serial.log" || { echo "trace: FAIL the trace scenario failed, see $out/serial.log"; exit 1; }
tools/trace-report.sh "$out/bochs/bochs.log" "$out/emu.log" "$dir"
