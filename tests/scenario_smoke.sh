#!/usr/bin/env bash
# scenario=smoke runs its commands without input, echoed after the prompt as if
# typed, then powers off by itself.
source "$(dirname "$0")/lib.sh"
make -s build/devirt-smoke.iso || fail "cannot build build/devirt-smoke.iso"
copy_disk
boot qemu build/devirt-smoke.iso /dev/null 60 --disk "$OUT/disk.img" || fail "session failed; see $OUT/qemu/serial.log"
crc=$(head -c 512 /dev/zero | tr '\0' '\132' | build/tools/crc32sum)
expect_lines "$OUT/qemu/serial.log" "guestos: booted, cmdline \"scenario=smoke\"" "scenario: smoke" \
	"guestos> help" "  poweroff " "guestos> mem" "mem: " "guestos> ps" "    0 kmain " \
	"guestos> run cpu 1000" "workload cpu: ok n=1000 result=168 " \
	"guestos> disk info" "disk: driver ide" \
	"guestos> disk write 1 0x5a" "disk: wrote 1 sector at lba 1" \
	"guestos> disk sum 1 1" "disk: crc32 $crc over 1 sector at lba 1" \
	"scenario: smoke done" || exit 1
[ "$(cat "$OUT/qemu/emu.status")" = 33 ] || fail "QEMU exit status $(cat "$OUT/qemu/emu.status"), want 33"
