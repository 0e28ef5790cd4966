#!/usr/bin/env bash
# scenario=demo in Bochs (what `make run` boots): every command and every
# workload, without input, then power-off. Every line it runs succeeds.
source "$(dirname "$0")/lib.sh"
make -s build/devirt-demo.iso || fail "cannot build build/devirt-demo.iso"
cp build/disk.img "$OUT/disk.img"
boot bochs build/devirt-demo.iso /dev/null 300 --disk "$OUT/disk.img" || fail "session failed; see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
crc=$(awk 'BEGIN { for (i = 0; i < 2048; i += 6) printf "devirt" }' | head -c 2048 | build/tools/crc32sum)
expect_lines "$log" "guestos: booted, cmdline \"scenario=demo\"" "scenario: demo" \
	"guestos> help" "  run " "guestos> mem" "mem: " "guestos> ps" "    0 kmain " "guestos> ticks" "ticks: " \
	"workload cpu: ok n=20000 result=2262 " \
	"workload preempt: ok n=200000 result=17984 " \
	"workload syscall: ok n=1000 result=1000 " \
	"workload ctxsw: ok n=100 result=200 " \
	"workload pagefault: ok n=64 result=64 " \
	"workload uart: ok n=64 result=64 " \
	"workload disk: ok n=8 " \
	"workload spaces: ok n=100 result=300 " \
	"workload badptr: ok n=1 result=7 " \
	"workload fault-null: ok n=1 result=killed-#PF " \
	"workload fault-priv: ok n=1 result=killed-#GP " \
	"guestos> disk info" "disk: driver ide" \
	"guestos> disk write 100 devirt 4" "disk: wrote 4 sectors at lba 100" \
	"guestos> disk read 100" "0000  64 65 76 69 72 74 64 65 76 69 72 74 64 65 76 69  |devirtdevirtdevi|" \
	"guestos> disk sum 100 4" "disk: crc32 $crc over 4 sectors at lba 100" \
	"scenario: demo done" || exit 1
expect_lines "$log" "phase boot: ok free_pages=" "phase workload: ok cpu_tsc=" "phase disk: ok" || exit 1
! grep -Eq 'unknown command|^usage:|FAIL|PANIC' "$log" || fail "a demo line failed: $(grep -Em1 'unknown command|^usage:|FAIL|PANIC' "$log")"
grep -q 'Shutdown port: shutdown requested' "$OUT/bochs/bochs/bochs.log" || fail "Bochs did not power off through the shutdown port"
