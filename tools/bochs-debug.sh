#!/usr/bin/env bash
# bochs-debug.sh [NAME|0xADDRESS...]: `make bochs-debug`. Boots build/devirt.iso in Bochs with
# its debugger on this terminal, typed live, and the symbols of both images loaded
# (build/guestos.sym and build/hv.sym turned into Bochs' "address name" format, for
# `ldsym global`). It stops at a linear breakpoint on each NAME (default hv_entry:
# the moment `hv on` enters the hypervisor), and with VMEXIT=1 at every VM exit too
# (vmexitbp). The serial console is on the pseudo-terminal build/bochs-debug/com1:
#   socat -,rawer,escape=0x1d build/bochs-debug/com1      (another terminal; Ctrl-] leaves)
# Debugger commands: docs/debugging.md. `q` quits Bochs; Ctrl-C stops a `c`.
set -euo pipefail
dir=build/bochs-debug
mkdir -p "$dir"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(hv_entry)
for img in guestos hv; do
	awk 'NF == 3 { print $1, $3 }' "build/$img.sym" > "$dir/$img.bsym"
done
{
	echo "ldsym global \"$dir/guestos.bsym\""
	echo "ldsym global \"$dir/hv.bsym\""
	for n in "${names[@]}"; do
		if [[ $n =~ ^0x[0-9a-fA-F]+$ ]]; then
			echo "lb $n"
			continue
		fi
		addr=$(awk -v n="$n" '$2 == n { print $1; exit }' "$dir/hv.bsym" "$dir/guestos.bsym")
		[ -n "$addr" ] || { echo "bochs-debug: no function '$n' in build/hv.sym or build/guestos.sym" >&2; exit 2; }
		echo "lb 0x$addr"
	done
	[ "${VMEXIT:-0}" != 1 ] || echo vmexitbp
	echo c
} > "$dir/start.rc"
cat >&2 <<MSG
bochs-debug: stops at ${names[*]}$([ "${VMEXIT:-0}" != 1 ] || echo " and at every VM exit"); serial console on $dir/com1:
bochs-debug:   socat -,rawer,escape=0x1d $dir/com1      (in another terminal; Ctrl-] leaves it)
bochs-debug: debugger commands in docs/debugging.md; c continues, q quits
MSG
exec tools/bochs.sh --iso build/devirt.iso --dir "$dir" --debugger "$dir/com1" --rc "$dir/start.rc"
