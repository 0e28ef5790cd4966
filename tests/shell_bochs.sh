#!/usr/bin/env bash
# The serial shell in Bochs, typed key by key: the same session as shell_qemu.sh.
source "$(dirname "$0")/lib.sh"
source tests/shell.inc
shell_session bochs 180
grep -q 'Shutdown port: shutdown requested' "$OUT/bochs/bochs/bochs.log" || fail "Bochs did not power off through the shutdown port"
