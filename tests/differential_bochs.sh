#!/usr/bin/env bash
# The differential suite (docs/exactness.md): the `diff` table natively,
# interposed and natively again must give the same outcome (value or
# fault) for every operation, apart from those marked "by design"; and
# `state` before `hv on` and after `hv off` must be identical, with a
# debugger's DR7 breakpoint, an LDT and a cleared CR0.NE in place.
# BOCHS_CPU picks the CPU model (make test runs corei7_haswell_4770 and
# corei7_skylake_x through this file).
source "$(dirname "$0")/lib.sh"
models=${DIFF_CPU_MODELS:-corei7_haswell_4770 corei7_skylake_x}
for model in $models; do
	mkdir -p "$OUT/$model"
	typed_script "$OUT/$model/script" \
		"dr 0 0x1000" "dr 7 0x401" "lldt 0x38" "cr 0 $(printf '0x%x' $((0xe0010011)))" \
		"diff" "state" "hv load" "hv on" "diff" "hv off" "state" "diff" "hv unload"
	BOCHS_CPU=$model OUT=$OUT/$model boot bochs build/devirt.iso "$OUT/$model/script" 400 \
		|| fail "$model: session failed: see $OUT/$model/bochs/serial.log"
	log=$OUT/$model/bochs/serial.log
	expect_lines "$log" "hv: on: interposed" "hv: off: native again" "hv: unloaded" "guestos: power off" \
		|| fail "$model: hv on/off did not run: see $log"
	awk -f tests/differential.awk "$log" > "$OUT/$model/diffcheck.txt" || {
		cat "$OUT/$model/diffcheck.txt"
		fail "$model: interposing is visible: see $OUT/$model/diffcheck.txt and $log"
	}
	cat "$OUT/$model/diffcheck.txt"
done
