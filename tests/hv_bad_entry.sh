#!/usr/bin/env bash
# A VM entry forced to fail (guest TR type corrupted) is reported by name and
# rolled back completely: the OS runs natively, the shell answers, and a later
# good `hv on` / `hv off` works, and powering off while interposed goes
# through the hypervisor's I/O exit and still turns the machine off.
source "$(dirname "$0")/lib.sh"
typed_script "$OUT/script" \
	"hv load" "hv on bad-entry" "cpuid 1" "hv status" \
	"hv on bad-entry" "hv on" "cpuid 0x40000000" "hv off" \
	"cpuid 1" "hv on"
boot bochs build/devirt.iso "$OUT/script" 180 || fail "session failed: see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
bad="hv: on failed: VM entry failed: exit reason 33 (VM-entry failure due to invalid guest state), qualification 0 (EIO); still native"
expect_lines "$log" "hv: loaded" "$bad" "cpuid 1.0:" "hv: image \"hv\"" "$bad" \
	"hv: on: interposed" "\"devirt-hv   \"" "hv: off: native again" "cpuid 1.0:" "hv: on: interposed" \
	"guestos: power off" "[hv] the OS powers off while interposed" || fail "unexpected output in $log"
# Natively after the rollback, CPUID shows VMX (ECX bit 5) and no hypervisor bit 31.
check_cpuid1 "$log" 1 native "after the rollback"
grep -q 'VMENTER FAIL: VMCS guest incorrect TR type' "$OUT/bochs/bochs/bochs.log" ||
	fail "Bochs did not log the failed VM entry"
[ "$(grep -c 'VMENTER FAIL' "$OUT/bochs/bochs/bochs.log")" = 2 ] || fail "want exactly two failed VM entries"
grep -q 'Shutdown port: shutdown requested' "$OUT/bochs/bochs/bochs.log" || fail "Bochs was not powered off from under the hypervisor"
