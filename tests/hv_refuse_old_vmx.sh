#!/usr/bin/env bash
# A CPU with VMX but without the controls the hypervisor needs (Bochs'
# Core 2 Penryn has no "load/save IA32_EFER" exit controls): `hv on` gets
# through VMXON, then refuses by name and rolls back (VMXOFF, CR4.VMXE off,
# the OS's state) and the OS goes on natively.
source "$(dirname "$0")/lib.sh"
export BOCHS_CPU=core2_penryn_t9600
typed_script "$OUT/script" \
	"hv load" "hv on" "run cpu 2000" "cpuid 1" \
	"hv on" "hv unload"
boot bochs build/devirt.iso "$OUT/script" 120 || fail "session failed: see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
refused="hv: on failed: CPU lacks required VM-exit VMX controls (ENODEV); still native"
expect_lines "$log" "hv: loaded" "$refused" "workload cpu: ok n=2000 result=303" "cpuid 1.0:" "$refused" \
	"hv: unloaded" "guestos: power off" || fail "unexpected output in $log"
# The second refusal comes after a second VMXON: had the first rollback left VMX on, that
# VMXON would have failed instead. CPUID natively: VMX bit set, no hypervisor bit.
check_cpuid1 "$log" 1 native "after the refusal"
grep -q 'Shutdown port: shutdown requested' "$OUT/bochs/bochs/bochs.log" || fail "Bochs was not powered off"
