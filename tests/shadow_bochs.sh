#!/usr/bin/env bash
# Memory interposition in one Bochs boot: natively, then under shadow paging
# (the per-CR3 cache), EPT, the virtual TLB and none, every workload gives the
# same results as natively (faults included) and pagetest passes; `hv cycle`
# under each mode leaks no page; the hypervisor's memory counters say which
# mode ran and that shadow paging filled, cached and zapped.
source "$(dirname "$0")/lib.sh"
work=("run cpu 20000" "run syscall 500" "run ctxsw 100" "run pagefault 64" "run spaces 50" "run badptr"
	"run fault-null" "run fault-priv" "run fault-vmcall" "pagetest")
lines=("mem" "${work[@]}")
modes=(shadow ept vtlb none)
for m in "${modes[@]}"; do
	lines+=("hv load" "hv on $m" "${work[@]}" "hv status" "hv off" "hv unload" "hv cycle 5 $m" "mem")
done
typed_script "$OUT/script" "${lines[@]}"
boot bochs build/devirt.iso "$OUT/script" 600 || fail "session failed: see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
! grep -q 'PANIC' "$log" || fail "a panic in $log"
for m in "${modes[@]}"; do
	grep -q "^hv: memory $m: " "$log" || fail "no hv status for memory mode $m"
done
# The results, section by section (native, then each mode): the same lines.
awk '/^workload / { sub(/ tsc=.*/, ""); print > (out "." n) } /^pagetest: / { sub(/ free=.*/, ""); print > (out "." n) }
	/^guestos> hv on / { n++ }' out="$OUT/results" n=0 "$log"
for i in 1 2 3 4; do
	[ -s "$OUT/results.$i" ] || fail "no workload results under ${modes[i - 1]}"
	diff -u "$OUT/results.0" "$OUT/results.$i" >"$OUT/diff.$i" ||
		fail "under ${modes[i - 1]} the workloads differ from native: $(grep '^[-+][a-z]' "$OUT/diff.$i" | head -n2 | tr '\n' ' ')"
done
[ "$(wc -l <"$OUT/results.0")" -eq ${#work[@]} ] || fail "natively not every workload printed a result"
! grep -q "^workload .*: FAIL" "$log" || fail "a workload failed: $(grep -m1 '^workload .*: FAIL' "$log")"
# hv cycle under each mode: 5 of 5, nothing leaked; free pages as at the start.
(( $(grep -c "^hv: cycle: 5 of 5 cycles, .* leaked 0$" "$log") == 4 )) || fail "hv cycle leaked or failed: $(grep '^hv: cycle' "$log" | tr '\n' ' ')"
free=$(awk '/^mem: / { print $2 }' "$log" | sort -u)
[ "$(echo "$free" | wc -l)" -eq 1 ] || fail "free pages differ between the mem lines: $(echo $free)"
# Shadow paging filled, served CR3 loads from its cache and saw the OS edit its tables.
awk '/^hv: memory shadow: / { for (i = 1; i <= NF; i++) { if ($(i + 1) ~ /^fills,/) f = $i; if ($(i + 1) == "cache") c = $i; if ($(i + 1) ~ /^zaps/) z = $i } }
	END { exit !(f > 0 && c > 0 && z > 0) }' "$log" || fail "shadow paging did not fill, hit its cache and zap: $(grep '^hv: memory shadow' "$log")"
grep -q "^hv: memory ept: 0 fills" "$log" || fail "EPT mode filled shadows"
