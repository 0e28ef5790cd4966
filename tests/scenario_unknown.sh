#!/usr/bin/env bash
# An unknown scenario name: one line saying so, then the interactive shell.
source "$(dirname "$0")/lib.sh"
make -s build/devirt-nosuchscenario.iso || fail "cannot build build/devirt-nosuchscenario.iso"
copy_disk
typed_script "$OUT/script" help
boot qemu build/devirt-nosuchscenario.iso "$OUT/script" 60 --disk "$OUT/disk.img" || fail "session failed; see $OUT/qemu/serial.log"
expect_lines "$OUT/qemu/serial.log" \
	"scenario: unknown scenario \"nosuchscenario\" (known: demo smoke hv bench trace); starting the shell" \
	"guestos> help" "  poweroff " "guestos: power off" || exit 1
