#!/usr/bin/env bash
# Lab 04: VMXON (hv/vmx/vmx.c vmx_check_cpu, vmx_on). In Bochs (VMX) `hv on`
# gets through the checks and VMXON to a running guest: CPUID says so, `hv off`
# gives the machine back, and a second `hv on` / `hv off` works too. In QEMU
# (no VMX) `hv on` refuses by name and the OS goes on natively.
source "$(dirname "$0")/lib.sh"
make -s build/devirt.iso build/disk.img || fail "build failed"
typed_script "$OUT/bochs.script" \
	"hv load" "hv on" "cpuid 1" "hv off" \
	"cpuid 1" "hv on" "hv off" "hv unload"
cp build/disk.img "$OUT/disk.img"
boot bochs build/devirt.iso "$OUT/bochs.script" 120 --disk "$OUT/disk.img" ||
	fail "bochs: session failed: $(grep -m1 'not implemented\|PANIC\|on failed' "$OUT/bochs/serial.log")"
log=$OUT/bochs/serial.log
expect_lines "$log" "hv: loaded \"hv\"" "hv: on: interposed in" "cpuid 1.0:" "hv: off: native again in" \
	"cpuid 1.0:" "hv: on: interposed in" "hv: off: native again in" "hv: unloaded" "guestos: power off" ||
	fail "bochs: unexpected output in $log"
! grep -q 'on failed\|PANIC' "$log" || fail "bochs: $(grep -m1 'on failed\|PANIC' "$log")"
# CPUID leaf 1 under the hypervisor: hypervisor bit 31 set, VMX (bit 5) hidden; natively the reverse.
ecx() { awk -v n="$1" '/^cpuid 1.0:/ && ++k == n { sub("ecx=", "", $5); print $5 }' "$log"; }
(( (0x$(ecx 1) & 0x80000000) && !(0x$(ecx 1) & 0x20) )) || fail "bochs: cpuid 1 after hv on: ecx=$(ecx 1), not under the hypervisor"
(( !(0x$(ecx 2) & 0x80000000) && (0x$(ecx 2) & 0x20) )) || fail "bochs: cpuid 1 after hv off: ecx=$(ecx 2), not native"
! grep -q 'VMENTER FAIL' "$OUT/bochs/bochs/bochs.log" || fail "bochs: Bochs logged a failed VM entry"
typed_script "$OUT/qemu.script" \
	"hv load" "hv on" "hv status" "hv unload"
boot qemu build/devirt.iso "$OUT/qemu.script" 60 ||
	fail "qemu: session failed: $(grep -m1 'not implemented\|PANIC' "$OUT/qemu/serial.log")"
log=$OUT/qemu/serial.log
expect_lines "$log" "hv: loaded \"hv\"" "hv: on failed: VMX not available on this CPU (ENODEV); still native" \
	"hv: image \"hv\"" "hv: unloaded" "guestos: power off" || fail "qemu: unexpected output in $log"
grep -q '"hv" at .*, off$' "$log" || fail "qemu: hv status does not say off after the refusal"
[ "$(cat "$OUT/qemu/emu.status")" = 33 ] || fail "qemu: exit status $(cat "$OUT/qemu/emu.status"), want 33"
echo "lab04: VMXON and back twice in Bochs; QEMU refuses: VMX not available"
