#!/usr/bin/env bash
# Lab 04: in and out of VMX operation (hv/vmx/vmx.c vmx_check_cpu, vmx_on,
# vmx_leave). In Bochs (VMX) `hv on` gets through the checks and VMXON; then
# either to a running guest (CPUID says so, `hv off` gives the machine back) or,
# while later labs are still to do, to their first stub, which leaves VMX
# operation again (vmx_leave) and resumes the OS natively. Either way the OS is
# native afterwards (`hv probe`: CR4.VMXE clear, VMXON #UD, the VMX MSRs readable,
# CR4.VMXE settable), and a second `hv on` gets exactly as far. In QEMU (no VMX)
# `hv on` refuses by name and the OS goes on natively. A VMXON that fails (`hv on
# bad-vmxon`: a region that is not page aligned) leaves the OS native too, CR4.VMXE
# clear; vmx_leave's own CR4.VMXE is checked by the hypervisor on its way out.
source "$(dirname "$0")/lib.sh"
build build/devirt.iso build/disk.img
typed_script "$OUT/bochs.script" \
	"hv load" "hv on bad-vmxon" "hv probe" "hv on" "cpuid 1" "hv off" "hv probe" \
	"cpuid 1" "hv on" "hv off" "hv unload"
badvmxon="hv: on failed: VMXON failed (VMfailInvalid) (EIO); still native"
KNOWN_FAILURES=("$badvmxon")
cp build/disk.img "$OUT/disk.img"
boot bochs build/devirt.iso "$OUT/bochs.script" 120 --disk "$OUT/disk.img"
log=$OUT/bochs/serial.log
native="hv probe: CR4.VMXE reads 0, VMXON #UD, RDMSR IA32_FEATURE_CONTROL ok, RDMSR IA32_VMX_BASIC ok, setting CR4.VMXE ok"
ecx() { awk -v n="$1" '/^cpuid 1.0:/ && ++k == n { sub("ecx=", "", $5); print $5 }' "$log"; }
later_stub "$log" 04
expect_lines "$log" "hv: loaded \"hv\"" "$badvmxon" "$native" || fail "bochs: a failed VMXON did not leave the OS native"
if [ -n "$STOP" ]; then
	# Stopped after VMXON at a later lab's stub: rolled back, twice alike.
	stopped="hv: on failed: $STOP (ENOSYS); still native"
	expect_lines "$log" "hv: loaded \"hv\"" "$badvmxon" "$stopped" "cpuid 1.0:" "hv: not on" "$native" \
		"cpuid 1.0:" "$stopped" "hv: not on" "hv: unloaded" "guestos: power off" ||
		fail "bochs: unexpected output in $log"
	(( (0x$(ecx 1) & 0x20) && !(0x$(ecx 1) & 0x80000000) )) || fail "bochs: cpuid 1 after the rollback: ecx=$(ecx 1), not native"
else
	expect_lines "$log" "hv: loaded \"hv\"" "$badvmxon" "hv: on: interposed in" "cpuid 1.0:" "hv: off: native again in" \
		"$native" "cpuid 1.0:" "hv: on: interposed in" "hv: off: native again in" "hv: unloaded" \
		"guestos: power off" || fail "bochs: unexpected output in $log"
	# CPUID leaf 1 under the hypervisor: hypervisor bit 31 set, VMX (bit 5) hidden; natively the reverse.
	(( (0x$(ecx 1) & 0x80000000) && !(0x$(ecx 1) & 0x20) )) || fail "bochs: cpuid 1 after hv on: ecx=$(ecx 1), not under the hypervisor"
fi
(( !(0x$(ecx 2) & 0x80000000) && (0x$(ecx 2) & 0x20) )) || fail "bochs: cpuid 1 after hv off: ecx=$(ecx 2), not native"
! grep -q 'VMENTER FAIL' "$OUT/bochs/bochs/bochs.log" || fail "bochs: Bochs logged a failed VM entry"
typed_script "$OUT/qemu.script" \
	"hv load" "hv on" "hv status" "hv unload"
boot qemu build/devirt.iso "$OUT/qemu.script" 60
log=$OUT/qemu/serial.log
expect_lines "$log" "hv: loaded \"hv\"" "hv: on failed: VMX not available on this CPU (ENODEV); still native" \
	"hv: image \"hv\"" "hv: unloaded" "guestos: power off" || fail "qemu: unexpected output in $log"
grep -q '"hv" at .*, off$' "$log" || fail "qemu: hv status does not say off after the refusal"
echo "lab04: VMXON and back twice in Bochs${STOP:+ (stopped at: $STOP)}; QEMU refuses: VMX not available"
