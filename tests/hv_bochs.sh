#!/usr/bin/env bash
# The hypervisor in Bochs (VMX): load, interpose under the running shell,
# prove it is there (CPUID, exit and interrupt counts, typed input still
# arriving) and that VMX is hidden (hv probe: VMXON #UD, VMX MSRs and
# CR4.VMXE #GP, natively before and after), run ring-3 workloads under it (timer preemption, system calls,
# page faults, CR3 switches, disk I/O, UART interrupts; a ring-3 VMCALL gets
# #UD), abuse the hypercalls, devirtualize, unload with every page given
# back, then 100 load/on/off/unload cycles without a leaked page.
source "$(dirname "$0")/lib.sh"
typed_script "$OUT/script" \
	"mem" "hv probe" "hv load" "hv on" \
	"cpuid 1" "cpuid 0x40000000" "cpuid 0x40000001" "hv probe" \
	"run cpu 20000" "run preempt 200000" "run syscall 500" "run ctxsw 100" \
	"run pagefault 64" "run uart 100" "run disk 8" "run spaces 100" \
	"run fault-priv" "run fault-vmcall" "pagetest" "hv status" \
	"hv check" "hv off" "hv probe" "cpuid 1" \
	"hv status" "hv unload" "hv cycle 100" "mem"
copy_disk
boot bochs build/devirt.iso "$OUT/script" 400 --disk "$OUT/disk.img" || fail "session failed: see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
native="hv probe: CR4.VMXE reads 0, VMXON #UD, RDMSR IA32_FEATURE_CONTROL ok, RDMSR IA32_VMX_BASIC ok, setting CR4.VMXE ok"
hidden="hv probe: CR4.VMXE reads 0, VMXON #UD, RDMSR IA32_FEATURE_CONTROL #GP, RDMSR IA32_VMX_BASIC #GP, setting CR4.VMXE #GP"
expect_lines "$log" "$native" "hv: loaded \"hv\"" "hv: on: interposed in" \
	"cpuid 40000000.0: eax=40000001 ebx=69766564 ecx=682d7472 edx=20202076 \"devirt-hv   \"" "cpuid 40000001.0: eax=0000000b ebx=00000002 ecx=00000001" "$hidden" \
	"workload cpu: ok n=20000 result=2262 tsc=" "workload preempt: ok n=200000 result=17984 tsc=" \
	"workload syscall: ok n=500 result=500 tsc=" "workload ctxsw: ok n=100 result=200 tsc=" \
	"workload pagefault: ok n=64 result=64 tsc=" "workload uart: ok n=100 result=100 tsc=" \
	"workload disk: ok n=8 result=0x" "workload spaces: ok n=100 result=300 tsc=" \
	"(fault-priv) killed: #GP err=0x0" "workload fault-priv: ok n=1 result=killed-#GP" \
	"(fault-vmcall) killed: #UD err=0x0" "workload fault-vmcall: ok n=1 result=killed-#UD" "pagetest: ok pages=600" \
	"hv: image \"hv\"" "hv: abi 2, interpose #1" "exits," "hv:   event cpuid: " \
	"hv check: PASS" "hv: off: native again in" "$native" "hv: unloaded, free pages" \
	"hv: cycle: 100 of 100 cycles" "guestos: power off" || fail "unexpected output in $log"
# CPUID leaf 1 while interposed: VMX (ECX bit 5) hidden, hypervisor bit 31 set; natively the reverse.
check_cpuid1 "$log" 1 guest "interposed"
check_cpuid1 "$log" 2 native "after hv off"
# Exits happened for the CPUIDs (3 typed + the checks), the timer and the typed characters.
count() { awk -v k="$1" 'index($0, k) == 1 { print $NF; exit }' "$log"; }
(( $(count "hv:   event cpuid: ") >= 3 )) || fail "fewer than 3 CPUID exits"
(( $(count "hv:   interrupt vector 32: ") > 0 )) || fail "no timer interrupt went through the hypervisor"
(( $(count "hv:   interrupt vector 36: ") > 0 )) || fail "no COM1 interrupt went through the hypervisor"
# The probes went through the hypervisor: VMXON, MOV to CR4, RDMSR exits.
(( $(count "hv:   event virt-insn: ") == 1 )) || fail "the VMXON probe did not exit"
(( $(count "hv:   event msr: ") == 2 )) || fail "the RDMSR probes did not exit"
# The ring-3 HC_DEVIRTUALIZE exited (VMCALL), got #UD, and the hypervisor stayed: status says on.
(( $(count "hv:   event hypercall: ") >= 3 )) || fail "the ring-3 VMCALL did not exit to the hypervisor"
(( $(count "hv:   event cr-access: ") > 0 )) || fail "no CR3 load exit: the tasks did not switch address spaces under the hypervisor"
(( $(count "hv:   event invlpg: ") >= 600 )) || fail "fewer INVLPG exits than pagetest unmapped pages"
grep -q '"hv" at .*, off$' "$log" || fail "hv status after hv off does not say off"
# Every page back: after unload and after 100 cycles, as before the first load.
pages_all_returned "$log" 100
! grep -q 'VMENTER FAIL' "$OUT/bochs/bochs/bochs.log" || fail "Bochs logged a failed VM entry"
! grep -q 'PANIC' "$log" || fail "a panic in $log"
