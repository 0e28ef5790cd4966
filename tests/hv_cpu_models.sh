#!/usr/bin/env bash
# Every Bochs CPU model with VMX and long mode runs the whole hv scenario (interpose,
# workloads as a guest, hypercalls, devirtualize, unload, ten cycles): BOCHS_CPU=
# must work with each. core2_penryn_t9600 has VMX without the controls devirt needs:
# it must refuse cleanly and go on natively (tests/hv_refuse_old_vmx.sh checks that).
source "$(dirname "$0")/lib.sh"
models=(corei5_lynnfield_750 corei5_arrandale_m520 corei7_sandy_bridge_2600k corei7_ivy_bridge_3770k
	corei7_haswell_4770 broadwell_ult corei7_skylake_x corei3_cnl corei7_icelake_u tigerlake)
make -s build/devirt-hv.iso || fail "cannot build build/devirt-hv.iso"
bad=()
for m in "${models[@]}"; do
	copy_disk
	if BOCHS_CPU=$m tools/session.sh --emu bochs --iso build/devirt-hv.iso --out "$OUT/$m" --timeout 240 \
		-- --disk "$OUT/disk.img" 2>"$OUT/$m.err" &&
		[ "$(grep -c '^phase [a-z]*: ok' "$OUT/$m/serial.log")" -eq 4 ] &&
		! grep -q '^phase [a-z]*: FAIL' "$OUT/$m/serial.log"; then
		echo "$m: $(grep '^phase interpose' "$OUT/$m/serial.log")"
	else
		bad+=("$m")
		echo "$m: FAIL $(grep -m1 '^phase [a-z]*: FAIL\|PANIC\|on failed' "$OUT/$m/serial.log" "$OUT/$m.err")"
	fi
done
[ ${#bad[@]} -eq 0 ] || fail "the hv scenario failed on: ${bad[*]}"
