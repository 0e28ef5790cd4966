#!/usr/bin/env bash
# libFuzzer targets: every tests/fuzz/fuzz_*.c, with ASan and UBSan, a fixed
# number of runs from a fixed seed (deterministic, so CI sees the same inputs).
# Sources to link are named like the unit tests': /* SOURCES: a.c b.c */
# FUZZ_RUNS overrides the run count (longer campaigns by hand).
source "$(dirname "$0")/lib.sh"
runs=${FUZZ_RUNS:-100000}
failed=()
for t in tests/fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	srcs=$(sed -n 's|.*SOURCES:\(.*\)\*/.*|\1|p' "$t" | head -n1)
	if ! clang -g -O1 -I. -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$srcs "$t" -o "$OUT/$name" 2>"$OUT/$name.build.log"; then
		echo "FAIL $name: does not build"; cat "$OUT/$name.build.log"; failed+=("$name"); continue
	fi
	mkdir -p "$OUT/$name.corpus"
	if "$OUT/$name" -seed=1 -runs="$runs" "$OUT/$name.corpus" >"$OUT/$name.log" 2>&1; then
		echo "ok $name ($(grep -o 'Done [0-9]* runs' "$OUT/$name.log"))"
	else
		echo "FAIL $name"; tail -n 30 "$OUT/$name.log"; failed+=("$name")
	fi
done
[ ${#failed[@]} -eq 0 ] || fail "fuzz targets failed: ${failed[*]}"
