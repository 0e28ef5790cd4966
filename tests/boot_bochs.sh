#!/usr/bin/env bash
# Native boot in Bochs (BOCHS_CPU model): as in QEMU, and Bochs logs no panic.
source "$(dirname "$0")/lib.sh"
typed_script "$OUT/poweroff.script"
boot bochs build/devirt.iso "$OUT/poweroff.script" 120 || fail "session failed; see $OUT/bochs"
expect_lines "$OUT/bochs/serial.log" "guestos: booted" || fail "no boot line in $OUT/bochs/serial.log"
grep -q 'Shutdown port: shutdown requested' "$OUT/bochs/bochs/bochs.log" || fail "Bochs did not power off through the shutdown port"
