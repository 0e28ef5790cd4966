#!/usr/bin/env bash
# Lab 12: devirtualize (hv/vmx/vmx.c arch_devirtualize). In Bochs: after `hv on` /
# `hv off` the OS runs natively again: VMX visible to it (hv probe, CPUID), ring-3
# tasks still enter the kernel through its TSS and are preempted by its timer;
# `hv unload` gives back every page, and 5 load/on/off/unload cycles leak none.
source "$(dirname "$0")/lib.sh"
build build/devirt.iso build/disk.img
typed_script "$OUT/script" "mem" "hv load" "hv on" "hv off" "hv probe" "cpuid 1" "hv status" \
	"run preempt 20000" "hv unload" "hv cycle 5" "mem"
cp build/disk.img "$OUT/disk.img"
boot bochs build/devirt.iso "$OUT/script" 120 --disk "$OUT/disk.img"
log=$OUT/bochs/serial.log
later_stub "$log" 12
native="hv probe: CR4.VMXE reads 0, VMXON #UD, RDMSR IA32_FEATURE_CONTROL ok, RDMSR IA32_VMX_BASIC ok, setting CR4.VMXE ok"
expect_lines "$log" "mem: " "hv: loaded \"hv\"" "hv: on: interposed in" "hv: off: native again in" \
	"$native" "cpuid 1.0: " "hv: image \"hv\"" "workload preempt: ok n=20000 " "hv: unloaded, free pages" \
	"hv: cycle: 5 of 5 cycles" "mem: " "guestos: power off" || fail "unexpected output in $log"
grep -q '"hv" at .*, off$' "$log" || fail "hv status after hv off does not say off"
ecx=$(awk '/^cpuid 1.0:/ { sub("ecx=", "", $5); print $5; exit }' "$log")
(( (0x$ecx & 0x20) && !(0x$ecx & 0x80000000) )) || fail "native cpuid 1 ecx=$ecx: want VMX set, hypervisor clear"
pages_all_returned "$log" 5
! grep -q 'VMENTER FAIL' "$OUT/bochs/bochs/bochs.log" || fail "Bochs logged a failed VM entry"
echo "lab12: native again after hv off, every page back after unload and 5 cycles"
