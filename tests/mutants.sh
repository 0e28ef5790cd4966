#!/usr/bin/env bash
# Every listed mutant (lab/NN-*/mutants/*.patch: a plausible mistake in a lab's
# reference code) is caught by its lab's test; a hardware-only one still applies.
# `make mutants` runs the same (tools/mutants.sh).
source "$(dirname "$0")/lib.sh"
tools/mutants.sh > "$OUT/mutants.txt" 2>&1
rc=$?
cat "$OUT/mutants.txt"
bad=$(grep -m1 -E '^mutant .*: (MISSED|BROKEN)' "$OUT/mutants.txt")
[ -z "$bad" ] || fail "$bad"
[ $rc -eq 0 ] || fail "tools/mutants.sh failed: $(tail -n1 "$OUT/mutants.txt")"
grep -q '^mutants lab=' "$OUT/mutants.txt" || fail "no lab lists any mutant"
echo "mutants: $(grep -c ': caught (' "$OUT/mutants.txt") caught, $(grep -c ': hardware-only (' "$OUT/mutants.txt") hardware-only"
