#!/usr/bin/env bash
# Lab 06: the launch that continues the running OS (guestos/hvload/trampoline.S,
# hv/vmx/exit.S vmx_launch, the VMLAUNCH step of arch_interpose in hv/vmx/vmx.c).
# A VMLAUNCH that fails (VMfailValid) must come back with its VM-instruction
# error and leave the OS running natively. A good one must resume the OS right
# after `hv on` as a guest, with its registers, stack and interrupts as they
# were: the shell answers, a ring-3 workload runs, `hv status` counts exits and
# the interpose cost, and `hv off` brings it back natively.
source "$(dirname "$0")/lib.sh"
make -s build/devirt.iso || fail "build failed"
typed_script "$OUT/script" \
	"hv load" "hv on bad-host" "cpuid 1" "hv on" \
	"cpuid 0x40000000" "run syscall 200" "hv status" "hv off" \
	"cpuid 1" "hv status"
boot bochs build/devirt.iso "$OUT/script" 120
log=$OUT/bochs/serial.log
badhost="hv: on failed: VMLAUNCH failed: VM-instruction error 8 (VM entry with invalid host-state field(s)) (EIO); still native"
why() {
	grep -h 'not implemented\|hv: on failed\|PANIC' "$log" 2>/dev/null | grep -m1 -vF "$badhost"
	grep -m1 -h -o 'VMENTER FAIL.*' "$OUT/bochs/bochs/bochs.log" 2>/dev/null
}
grep -qF "$badhost" "$log" || fail "a failing VMLAUNCH was not reported with its VM-instruction error: $(why)"
grep -q 'hv: on: interposed' "$log" || fail "hv on did not interpose: $(why)"
expect_lines "$log" "hv: loaded \"hv\"" "$badhost" "cpuid 1.0:" "hv: on: interposed in" \
	"cpuid 40000000.0: eax=40000001 ebx=69766564 ecx=682d7472 edx=20202076 \"devirt-hv   \"" \
	"workload syscall: ok n=200 result=200 " "hv: abi 2, interpose #" "exits," \
	"hv:   event cpuid: " "hv: off: native again in" "cpuid 1.0:" "hv: image \"hv\"" \
	"guestos: power off" || fail "unexpected output in $log ($(why))"
# After the failed VMLAUNCH and after hv off the CPU is native: VMX (ECX bit 5), no hypervisor bit 31.
ecx() { awk -v n="$1" '/^cpuid 1.0:/ && ++k == n { sub("ecx=", "", $5); print $5 }' "$log"; }
(( (0x$(ecx 1) & 0x20) && !(0x$(ecx 1) & 0x80000000) )) || fail "after the failed VMLAUNCH cpuid 1 ecx=$(ecx 1): not native"
(( (0x$(ecx 2) & 0x20) && !(0x$(ecx 2) & 0x80000000) )) || fail "after hv off cpuid 1 ecx=$(ecx 2): not native"
# The interpose cost was recorded before VMLAUNCH; exits arrived: the CPUID, and
# the timer with the interrupt flag the trampoline captured.
cost=$(awk '/^hv: abi 2, interpose #[0-9]* took / { print $(NF - 2); exit }' "$log")
(( ${cost:-0} > 0 )) || fail "hv status: interpose cost '$cost', want > 0"
count() { awk -v k="$1" 'index($0, k) == 1 { print $NF; exit }' "$log"; }
(( $(count "hv:   event cpuid: ") >= 1 )) || fail "no CPUID exit counted"
(( $(count "hv:   interrupt vector 32: ") > 0 )) || fail "no timer interrupt reached the guest through the hypervisor"
grep -q '"hv" at .*, off$' "$log" || fail "hv status after hv off does not say off"
! grep -q 'VMENTER FAIL' "$OUT/bochs/bochs/bochs.log" || fail "Bochs logged a failed VM entry: $(why)"
! grep -q 'PANIC' "$log" || fail "a panic in $log"
echo "lab06: a failed VMLAUNCH reported and rolled back; the OS continued as a guest after hv on, and natively after hv off"
