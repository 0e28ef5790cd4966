#!/usr/bin/env bash
# The native half of the differential suite on QEMU (TCG: no VMX): the
# `diff` table twice around a refused `hv on` gives the same outcomes, and
# `state` is unchanged by the refusal (docs/exactness.md).
source "$(dirname "$0")/lib.sh"
typed_script "$OUT/script" "dr 7 0x401" "lldt 0x38" "diff safe" "state" "hv load" "hv on" "diff safe" "state" "hv unload"
boot qemu build/devirt.iso "$OUT/script" 60 || fail "session failed: see $OUT/qemu/serial.log"
log=$OUT/qemu/serial.log
expect_lines "$log" "hv: on failed: VMX not available on this CPU" "hv: unloaded" "guestos: power off" \
	|| fail "unexpected output in $log"
awk -v runs=2 -v native="1 2" -f tests/differential.awk "$log" > "$OUT/diffcheck.txt" || {
	cat "$OUT/diffcheck.txt"
	fail "the native runs disagree: see $OUT/diffcheck.txt and $log"
}
cat "$OUT/diffcheck.txt"
grep -q "^diff cr4.set_vmxe: not tried (CPUID: no VMX)" "$log" || fail "CR4.VMXE was written on a CPU without VMX"
