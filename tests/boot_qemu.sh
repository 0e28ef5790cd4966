#!/usr/bin/env bash
# Native boot in QEMU: GRUB loads the guest OS with the hypervisor module, it prints and powers off.
source "$(dirname "$0")/lib.sh"
boot qemu build/devirt.iso /dev/null 60 || fail "$(tail -n1 "$OUT/qemu/serial.log")"
expect_lines "$OUT/qemu/serial.log" "guestos: booted" || fail "no boot line in $OUT/qemu/serial.log"
[ "$(cat "$OUT/qemu/emu.status")" = 33 ] || fail "QEMU exit status $(cat "$OUT/qemu/emu.status"), want 33 (power-off OK)"
