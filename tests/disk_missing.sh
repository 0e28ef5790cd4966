#!/usr/bin/env bash
# No disk on the primary master (QEMU): the boot says so, every disk command
# fails with one clear line, and the shell keeps running.
source "$(dirname "$0")/lib.sh"
typed_script "$OUT/script" "disk info" "disk read 0" "disk write 0 0x11" "disk sum 0 1"
boot qemu build/devirt.iso "$OUT/script" 60 --disk none || fail "session failed; see $OUT/qemu/serial.log"
log=$OUT/qemu/serial.log
expect_lines "$log" "[ide] no disk on the primary master" \
	"guestos> disk info" "disk: no disk" \
	"guestos> disk read 0" "disk: no disk" \
	"guestos> disk write 0 0x11" "disk: no disk" \
	"guestos> disk sum 0 1" "disk: no disk" \
	"guestos: power off" || exit 1
[ "$(cat "$OUT/qemu/emu.status")" = 33 ] || fail "QEMU exit status $(cat "$OUT/qemu/emu.status"), want 33"
