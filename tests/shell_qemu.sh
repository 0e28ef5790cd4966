#!/usr/bin/env bash
# The serial shell in QEMU, typed key by key: help, line editing, mem, an unknown
# command, bad arguments, the disk commands while a ring-3 task runs, typing
# ahead while busy, poweroff.
source "$(dirname "$0")/lib.sh"
source tests/shell.inc
shell_session qemu 60
[ "$(cat "$OUT/qemu/emu.status")" = 33 ] || fail "QEMU exit status $(cat "$OUT/qemu/emu.status"), want 33 (power-off OK)"
