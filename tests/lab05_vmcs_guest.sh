#!/usr/bin/env bash
# Lab 05: the VMCS guest-state area filled from the OS's live state
# (hv/vmx/vmx_setup.c read_segment, write_guest_segments, write_guest_state).
# The VM entry must pass every guest-state check, and the OS must go on as the
# same OS: CPUID shows the hypervisor, VMX stays hidden (CR4 read shadow),
# interrupts and ring-3 tasks work (IDTR, TR and its RSP0, CS/SS), and `hv off`
# gives back the state the VMCS held (GDTR, IDTR, selectors, TR).
source "$(dirname "$0")/lib.sh"
make -s build/devirt.iso || fail "build failed"
typed_script "$OUT/script" \
	"hv load" "hv on" "cpuid 1" "hv probe" \
	"run preempt 20000" "ps" "hv off" "cpuid 1" \
	"run syscall 100"
boot bochs build/devirt.iso "$OUT/script" 120
log=$OUT/bochs/serial.log
blog=$OUT/bochs/bochs/bochs.log
why() {
	grep -m1 -h 'not implemented\|hv: on failed\|PANIC' "$log" 2>/dev/null
	grep -m1 -h -o 'VMENTER FAIL.*' "$blog" 2>/dev/null
}
grep -q 'hv: on: interposed' "$log" || fail "hv on did not interpose: $(why)"
! grep -q 'VMENTER FAIL' "$blog" || fail "Bochs logged a failed VM entry: $(why)"
hidden="hv probe: CR4.VMXE reads 0, VMXON #UD, RDMSR IA32_FEATURE_CONTROL #GP, RDMSR IA32_VMX_BASIC #GP, setting CR4.VMXE #GP"
expect_lines "$log" "hv: loaded \"hv\"" "hv: on: interposed in" "cpuid 1.0:" "$hidden" \
	"workload preempt: ok n=20000 result=2262 " "guestos> ps" "    0 kmain " \
	"hv: off: native again in" "cpuid 1.0:" "workload syscall: ok n=100 result=100 " \
	"guestos: power off" || fail "unexpected output in $log ($(why))"
# CPUID leaf 1 as a guest: hypervisor bit 31 set, VMX (bit 5) hidden; natively again the reverse.
ecx() { awk -v n="$1" '/^cpuid 1.0:/ && ++k == n { sub("ecx=", "", $5); print $5 }' "$log"; }
(( !(0x$(ecx 1) & 0x20) && (0x$(ecx 1) & 0x80000000) )) || fail "cpuid 1 as a guest: ecx=$(ecx 1)"
(( (0x$(ecx 2) & 0x20) && !(0x$(ecx 2) & 0x80000000) )) || fail "cpuid 1 after hv off: ecx=$(ecx 2)"
! grep -q 'PANIC' "$log" || fail "a panic in $log"
echo "lab05: the VM entry took the OS's own state; it ran on as a guest and came back"
