#!/usr/bin/env bash
# make bench: every measured workload has a native and an interposed cost line,
# plus the interpose and devirtualize costs and the exit count, and the
# devirtualized workloads against the native ones (devirt_ratio, three decimals,
# with devirt_diff_KEY=N for each workload that differs); every other value is a
# whole number. (Timing is never asserted: only that the figures are there.)
source "$(dirname "$0")/lib.sh"
make -s bench > "$OUT/bench.log" 2>&1 || fail "make bench failed: $(tail -n1 "$OUT/bench.log")"
for key in native_cpu_tsc native_syscall_tsc native_ctxsw_tsc native_pagefault_tsc native_uart_tsc native_disk_tsc \
	interposed_cpu_tsc interposed_syscall_tsc interposed_ctxsw_tsc interposed_pagefault_tsc interposed_uart_tsc \
	interposed_disk_tsc interposed_exits interpose_tsc devirtualize_tsc devirtualized_cpu_tsc devirtualized_disk_tsc; do
	grep -Eq "^bench $key=[0-9]+$" "$OUT/bench.log" || fail "no bench $key=N line"
done
grep -Eq '^bench devirt_ratio=[0-9]+\.[0-9]{3}$' "$OUT/bench.log" || fail "no bench devirt_ratio=R.RRR line"
form='^bench ([a-z_]*=[0-9]*|devirt_ratio=[0-9]+\.[0-9]{3}|devirt_diff_[a-z_]*=-?[0-9]+)$'
! grep -Ev "$form" "$OUT/bench.log" | grep -q . || fail "a line that is not bench KEY=VALUE: $(grep -Ev "$form" "$OUT/bench.log" | head -n1)"
cat "$OUT/bench.log"
