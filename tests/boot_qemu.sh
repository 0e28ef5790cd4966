#!/usr/bin/env bash
# Native boot in QEMU: GRUB loads the guest OS with the hypervisor module, it prints,
# reaches the shell prompt and powers off when told to.
source "$(dirname "$0")/lib.sh"
typed_script "$OUT/poweroff.script"
boot qemu build/devirt.iso "$OUT/poweroff.script" 60 || fail "$(tail -n1 "$OUT/qemu/serial.log")"
expect_lines "$OUT/qemu/serial.log" "guestos: booted" || fail "no boot line in $OUT/qemu/serial.log"
[ "$(cat "$OUT/qemu/emu.status")" = 33 ] || fail "QEMU exit status $(cat "$OUT/qemu/emu.status"), want 33 (power-off OK)"
