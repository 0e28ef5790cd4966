#!/usr/bin/env bash
# make bench: every measured workload has a native and an interposed cost line,
# plus the interpose and devirtualize costs and the exit count; every value is a
# whole number. (Timing is never asserted: only that the figures are there.)
source "$(dirname "$0")/lib.sh"
make -s bench > "$OUT/bench.log" 2>&1 || fail "make bench failed: $(tail -n1 "$OUT/bench.log")"
for key in native_cpu_tsc native_syscall_tsc native_ctxsw_tsc native_pagefault_tsc native_uart_tsc native_disk_tsc \
	interposed_cpu_tsc interposed_syscall_tsc interposed_ctxsw_tsc interposed_pagefault_tsc interposed_uart_tsc \
	interposed_disk_tsc interposed_exits interpose_tsc devirtualize_tsc; do
	grep -Eq "^bench $key=[0-9]+$" "$OUT/bench.log" || fail "no bench $key=N line"
done
! grep -v '^bench [a-z_]*=[0-9]*$' "$OUT/bench.log" | grep -q . || fail "a line that is not bench KEY=VALUE: $(grep -v '^bench [a-z_]*=[0-9]*$' "$OUT/bench.log" | head -n1)"
cat "$OUT/bench.log"
