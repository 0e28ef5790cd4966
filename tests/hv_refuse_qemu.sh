#!/usr/bin/env bash
# QEMU (TCG) has no VMX: `hv on` says so in one line, nothing changes, and
# the shell goes on; the image still unloads with every page given back.
source "$(dirname "$0")/lib.sh"
typed_script "$OUT/script" \
	"mem" "hv load" "hv on" "hv status" \
	"cpuid 1" "hv unload"
boot qemu build/devirt.iso "$OUT/script" 60 || fail "session failed: see $OUT/qemu/serial.log"
log=$OUT/qemu/serial.log
expect_lines "$log" "hv: loaded" \
	"hv: on failed: VMX not available on this CPU (ENODEV); still native" \
	"hv: image \"hv\"" "cpuid 1.0:" "hv: unloaded" "guestos: power off" || fail "unexpected output in $log"
grep -q "off$" <(grep 'hv: image "hv"' "$log") || fail "hv status does not say off after the refusal"
before=$(awk '/^mem: / { print $2; exit }' "$log")
after=$(awk '/^hv: unloaded, free pages/ { print $NF; exit }' "$log")
[ -n "$before" ] && [ "$before" = "$after" ] || fail "free pages before load $before, after unload $after"
[ "$(cat "$OUT/qemu/emu.status")" = 33 ] || fail "QEMU exit status $(cat "$OUT/qemu/emu.status"), want 33"
