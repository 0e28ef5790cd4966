#!/usr/bin/env bash
# Lab 07: VM-exit dispatch and the CPUID handler (hv/vmx/exit.c vmx_exit_dispatch,
# vmx_exit_cpuid). In Bochs: interpose, then CPUID leaf 1 must hide VMX and show
# the hypervisor bit, the 0x40000000 leaves must carry the devirt signature and
# features, every CPUID must be counted as event cpuid, and `hv off` (a VMCALL
# dispatched to its handler) must give the CPU back with CPUID as it was.
# While the interrupts (lab 08) are still to do, the guest cannot run on: the first
# exit must be dispatched to its handler, and the flow stops at lab 08's stub at
# the end of it; the OS goes on natively. A first VM entry that fails (`hv on
# bad-entry`) is told apart from an exit and rolled back.
source "$(dirname "$0")/lib.sh"
build build/devirt.iso build/disk.img
typed_script "$OUT/script" "cpuid 0x40000100" "hv load" "hv on bad-entry" "hv on" "cpuid 1" "cpuid 0x40000000" "cpuid 0x40000001" \
	"cpuid 0x400000ff" "cpuid 0x40000100" "hv status" "hv off" "cpuid 1"
badentry="hv: on failed: VM entry failed: exit reason 33 (VM-entry failure due to invalid guest state)"
KNOWN_FAILURES=("$badentry")
cp build/disk.img "$OUT/disk.img"
boot bochs build/devirt.iso "$OUT/script" 120 --disk "$OUT/disk.img"
log=$OUT/bochs/serial.log
ecx() { awk -v n="$1" '/^cpuid 1.0:/ && ++k == n { sub("ecx=", "", $5); print $5 }' "$log"; }
later_stub "$log" 07
if [ -n "$STOP" ]; then
	expect_lines "$log" "hv: on failed: $STOP (ENOSYS); still native" "cpuid 1.0: " "hv: image \"hv\"" \
		"hv: not on" "cpuid 1.0: " "guestos: power off" || fail "unexpected output in $log"
	(( (0x$(ecx 1) & 0x20) && !(0x$(ecx 1) & 0x80000000) )) || fail "cpuid 1 after the rollback: ecx=$(ecx 1), not native"
else
	expect_lines "$log" "$badentry" "hv: on: interposed in" "cpuid 1.0: " \
		'cpuid 40000000.0: eax=40000001 ebx=69766564 ecx=682d7472 edx=20202076 "devirt-hv   "' \
		"cpuid 40000001.0: eax=0000000b ebx=00000002 ecx=00000001 edx=00000000" \
		"cpuid 400000ff.0: eax=00000000 ebx=00000000 ecx=00000000 edx=00000000" \
		"hv: abi 2, interpose #1" "hv: off: native again in" "cpuid 1.0: " "guestos: power off" ||
		fail "unexpected output in $log"
	# Leaf 1 while interposed: ECX bit 5 (VMX) clear, bit 31 (hypervisor) set; natively the reverse.
	(( !(0x$(ecx 1) & 0x20) && (0x$(ecx 1) & 0x80000000) )) || fail "interposed cpuid 1 ecx=$(ecx 1): want VMX (bit 5) clear, hypervisor (bit 31) set"
	# Leaf 1's other registers are the CPU's: EAX (family/model) as natively.
	eax() { awk -v n="$1" '/^cpuid 1.0:/ && ++k == n { print $3 }' "$log"; }
	[ "$(eax 1)" = "$(eax 2)" ] || fail "cpuid 1 $(eax 1) interposed, $(eax 2) natively: pass the CPU's values through"
	# Each typed CPUID exited and was counted as event cpuid; the timer's
	# external interrupts too (event extint).
	count() { awk -v k="$1" 'index($0, k) == 1 { print $NF; exit }' "$log"; }
	n=$(count "hv:   event cpuid: ")
	(( ${n:-0} >= 4 )) || fail "CPUID exits counted ${n:-0} times, want at least the 4 typed"
	n=$(count "hv:   event extint: ")
	(( ${n:-0} > 0 )) || fail "no external-interrupt exit counted (event extint)"
	# Past the hypervisor's range (0x40000000-0x400000FF) CPUID is the CPU's again: as natively.
	above=$(awk '/^cpuid 40000100.0:/ { print $3, $4, $5, $6 }' "$log" | sort -u | wc -l)
	[ "$(grep -c "^cpuid 40000100.0:" "$log")" = 2 ] || fail "want cpuid 0x40000100 natively and interposed"
	[ "$above" = 1 ] || fail "cpuid 0x40000100 differs natively and interposed: $(grep "^cpuid 40000100" "$log" | tr "\n" " ")"
fi
(( (0x$(ecx 2) & 0x20) && !(0x$(ecx 2) & 0x80000000) )) || fail "native cpuid 1 ecx=$(ecx 2) after hv off: want VMX set, hypervisor clear"
if [ -n "$STOP" ]; then
	echo "lab07: the first exit dispatched, then stopped at: $STOP"
else
	echo "lab07: exits dispatched and counted; CPUID hides VMX and shows devirt-hv"
fi
