#!/usr/bin/env bash
# scenario=demo in Bochs (what `make run` boots): boot, native workloads, load,
# interpose, every workload and the disk commands as a guest, devirtualize,
# unload, 100 cycles; without input, then power-off. Every line succeeds, and
# every phase line is ok with the figures the report promises.
source "$(dirname "$0")/lib.sh"
make -s build/devirt-demo.iso || fail "cannot build build/devirt-demo.iso"
copy_disk
boot bochs build/devirt-demo.iso /dev/null 600 --disk "$OUT/disk.img" || fail "session failed; see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
crc=$(awk 'BEGIN { for (i = 0; i < 2048; i += 6) printf "devirt" }' | head -c 2048 | build/tools/crc32sum)
expect_lines "$log" "guestos: booted, cmdline \"scenario=demo\"" "scenario: demo" \
	"guestos> help" "  run " "guestos> mem" "mem: " "guestos> ps" "    0 kmain " "guestos> ticks" "ticks: " \
	"phase boot: ok free_pages=" \
	"workload cpu: ok n=20000 result=2262 " "workload spaces: ok n=100 result=300 " \
	"phase native: ok cpu_tsc=" \
	"guestos> hv load" "hv: loaded \"hv\"" "phase load: ok reserved_pages=" \
	"guestos> hv on" "hv: on: interposed in " "phase interpose: ok interpose_tsc=" \
	"workload cpu: ok n=20000 result=2262 " \
	"workload syscall: ok n=1000 result=1000 " \
	"workload ctxsw: ok n=100 result=200 " \
	"workload pagefault: ok n=64 result=64 " \
	"workload uart: ok n=64 result=64 " \
	"workload disk: ok n=8 " \
	"workload preempt: ok n=200000 result=17984 " \
	"workload spaces: ok n=100 result=300 " \
	"workload badptr: ok n=1 result=7 " \
	"workload fault-null: ok n=1 result=killed-#PF " \
	"workload fault-priv: ok n=1 result=killed-#GP " \
	"workload fault-vmcall: ok n=1 result=killed-#UD " \
	"guestos> disk info" "disk: driver ide" \
	"guestos> disk write 100 devirt 4" "disk: wrote 4 sectors at lba 100" \
	"guestos> disk read 100" "0000  64 65 76 69 72 74 64 65 76 69 72 74 64 65 76 69  |devirtdevirtdevi|" \
	"guestos> disk sum 100 4" "disk: crc32 $crc over 4 sectors at lba 100" \
	"hv check: PASS" "phase workload: ok cpu_tsc=" "phase isolation: ok attacks=22 blocked=22" \
	"guestos> hv off" "hv: off: native again in " \
	"guestos> disk sum 100 4" "disk: crc32 $crc over 4 sectors at lba 100" \
	"phase devirtualize: ok devirtualize_tsc=" \
	"phase unload: ok free_before_load=" \
	"phase cycles: ok cycles=100 leaked_pages=0 " \
	"scenario: demo done" || exit 1
! grep -Eq 'unknown command|^usage:|FAIL|PANIC' "$log" || fail "a demo line failed: $(grep -Em1 'unknown command|^usage:|FAIL|PANIC' "$log")"
grep -Eq '^phase unload: ok free_before_load=([0-9]+) free_after_unload=\1 leaked_pages=0' "$log" ||
	fail "unload did not return every page: $(grep '^phase unload' "$log")"
grep -Eq '^phase workload: ok .* exits=[1-9][0-9]* ' "$log" || fail "no VM exits counted while interposed"
grep -q 'Shutdown port: shutdown requested' "$OUT/bochs/bochs/bochs.log" || fail "Bochs did not power off through the shutdown port"
