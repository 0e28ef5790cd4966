#!/usr/bin/env bash
# make trace: a TRACE=1 hypervisor in Bochs with the CPU debug report on. Every exit
# Bochs logs lines up with the hypervisor's own trace line (same reason, a guest RIP),
# the table counts the exits the scenario must cause, and the SVG is drawn.
source "$(dirname "$0")/lib.sh"
make -s trace > "$OUT/trace.log" 2>&1 || fail "make trace failed: $(tail -n1 "$OUT/trace.log")"
dir=build/trace
[ -s $dir/timeline.txt ] || fail "no timeline"
! grep -q 'exits whose reason differs\|exits in the Bochs log' "$OUT/trace.log" || fail "$(grep -m1 'differs\|Bochs log' "$OUT/trace.log")"
! awk '$4 == "?" || $4 ~ /!$/' $dir/timeline.txt | grep -q . || fail "exits without a matching hypervisor trace line in $dir/timeline.txt"
[ "$(awk '$3 == "CPUID"' $dir/timeline.txt | wc -l)" -ge 2 ] || fail "fewer than 2 CPUID exits (cpuid 1, cpuid 0x40000000)"
[ "$(awk '$3 == "VMCALL"' $dir/timeline.txt | wc -l)" -ge 2 ] || fail "fewer than 2 VMCALL exits (hv status, hv off)"
grep -q '^External_Interrupt ' $dir/reasons.txt || fail "no external-interrupt exits in the table"
grep -q '<svg' $dir/exits.svg || fail "no SVG drawn"
echo "trace: $(wc -l < $dir/timeline.txt) exits traced and joined"
