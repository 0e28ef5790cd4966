#!/usr/bin/env bash
# Lab 12: devirtualize (hv/vmx/vmx.c arch_devirtualize). In Bochs: after `hv on` /
# `hv off` the OS runs natively again: VMX visible to it (hv probe, CPUID), ring-3
# tasks still enter the kernel through its TSS and are preempted by its timer;
# `hv unload` gives back every page, and 5 load/on/off/unload cycles leak none.
# Every piece of state the OS had before `hv on` is its own again after `hv off`
# (`state`: control and debug registers, MSRs, GDTR and IDTR with their limits,
# selectors, TR, LDTR, RFLAGS), with an LDT and DR7 bits of its own loaded first;
# an MSR the guest wrote while interposed keeps that value; the callee-saved
# registers survive `hv on`.
source "$(dirname "$0")/lib.sh"
build build/devirt.iso build/disk.img
typed_script "$OUT/script" "mem" "lldt 0x38" "dr 7 0x700" "state" "hv load" "hv on" "msr 0x174 0x10" \
	"hv off" "state" "msr 0x174" "hv probe" "cpuid 1" "hv status" \
	"run preempt 20000" "hv unload" "hv cycle 5" "mem"
cp build/disk.img "$OUT/disk.img"
boot bochs build/devirt.iso "$OUT/script" 120 --disk "$OUT/disk.img"
log=$OUT/bochs/serial.log
later_stub "$log" 12
native="hv probe: CR4.VMXE reads 0, VMXON #UD, RDMSR IA32_FEATURE_CONTROL ok, RDMSR IA32_VMX_BASIC ok, setting CR4.VMXE ok"
expect_lines "$log" "mem: " "hv: loaded \"hv\"" "hv: on: interposed in" "hv: off: native again in" \
	"msr174=0x10" "$native" "cpuid 1.0: " \
	"hv: image \"hv\"" "workload preempt: ok n=20000 " "hv: unloaded, free pages" \
	"hv: cycle: 5 of 5 cycles" "mem: " "guestos: power off" || fail "unexpected output in $log"
grep -q '"hv" at .*, off$' "$log" || fail "hv status after hv off does not say off"
ecx=$(awk '/^cpuid 1.0:/ { sub("ecx=", "", $5); print $5; exit }' "$log")
(( (0x$ecx & 0x20) && !(0x$ecx & 0x80000000) )) || fail "native cpuid 1 ecx=$ecx: want VMX set, hypervisor clear"
pages_all_returned "$log" 5
registers_kept "$log"
# The same state, but for the SYSENTER_CS the guest wrote (0x10, checked above).
same_state "$log" 1 2 "before hv on and after hv off" sysenter_cs
! grep -q 'VMENTER FAIL' "$OUT/bochs/bochs/bochs.log" || fail "Bochs logged a failed VM entry"
echo "lab12: native again after hv off, every page back after unload and 5 cycles"
