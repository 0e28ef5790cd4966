#!/usr/bin/env bash
# Lab 10: UART emulation (update_irqs in hv/emulate.c: a rising edge of the
# 16550 model's interrupt line becomes the vector the OS programmed for IRQ 4).
# In Bochs, under `hv on` + `hv emulate on uart`, the OS's own interrupt-driven
# COM1 driver runs against the hypervisor's model: every command typed after
# the switch arrives (receive interrupts), a UART workload passes, the register
# probe (IIR, LSR, FCR, scratch) answers as Bochs' 16550 does natively, and
# `hv status` shows real IRQ 4s taken by the hypervisor and emulated ones
# injected. After `hv emulate off` the chip answers the probe the same again.
# `irqcheck mask` (guestos/shell/irqcheck_cmd.c) must answer as natively, both
# interposed and emulated: an edge of COM1's line while the OS masks IRQ 4 in
# the 8259 waits, comes once when unmasked, and is gone if the line fell first.
source "$(dirname "$0")/lib.sh"
probe=(
	"io outb 0x3ff 0x5a" "io inb 0x3ff" "io outb 0x3ff 0xa5" "io inb 0x3ff"
	"io inb 0x3fb" "io inb 0x3f9" "io inb 0x3fc" "io inb 0x3fd" "io inb 0x3fe" "io inb 0x3fa"
	"io outb 0x3fa 0xc7" "io inb 0x3fa" "io outb 0x3fa 0x07" "io inb 0x3fa" "io inb 0x3fd"
)
build build/devirt.iso build/disk.img
typed_script "$OUT/script" "${probe[@]}" "irqcheck mask" "hv load" "hv on" "irqcheck mask" "hv emulate on uart" "${probe[@]}" \
	"irqcheck mask" "run uart 40" \
	"ticks" "hv status" "hv emulate off" "${probe[@]}" "hv off" "ticks"
boot bochs build/devirt.iso "$OUT/script" 200 ||
	fail "session failed: $(grep -am1 'not implemented\|PANIC' "$OUT/bochs/serial.log")"
log=$OUT/bochs/serial.log
later_stub "$log" 10
off="hv: off: native again in"
[ -n "$STOP" ] && off="hv: off failed: ENOSYS"
expect_lines "$log" "irqcheck mask: " "hv: on: interposed in" "irqcheck mask: " \
	"hv: emulate: uart owner=hypervisor, ide owner=os" "irqcheck mask: " "workload uart: ok n=40 result=40" "ticks: " "hv: uart owner=hypervisor mode=emulated" \
	"hv: emulate: uart owner=os, ide owner=os" "$off" "ticks: " "guestos: power off" ||
	fail "unexpected output in $log"
# The probe answers, natively (0), emulated (1) and after the switch back (2).
awk -v n=${#probe[@]} 'BEGIN { phase = 0 } /^hv: on: interposed/ { phase = 1 } /^hv: emulate: uart owner=os/ { phase = 2 }
	/^hv: off/ { phase = 3 } /^io: / && phase < 3 { got[phase, ++k[phase]] = $0 }
	END {
		for (p = 0; p < 3; p++) if (k[p] != n) { printf "probe %d: %d answers, want %d\n", p, k[p], n > "/dev/stderr"; exit 1 }
		for (i = 1; i <= n; i++) for (p = 1; p < 3; p++) if (got[p, i] != got[0, i]) {
			printf "answer %d differs: native \"%s\", %s \"%s\"\n", i, got[0, i], p == 1 ? "emulated" : "after emulate off", got[p, i] > "/dev/stderr"; exit 1 }
	}' "$log" || fail "the UART answers differ from the chip's (see $log)"
mask=$(grep -a '^irqcheck mask: ' "$log")
[ "$(sort -u <<<"$mask" | wc -l)" = 1 ] && grep -q ': ok: ' <<<"$mask" ||
	fail "irqcheck mask natively, interposed and emulated: $(tr '\n' ' ' <<<"$mask")"
field() { awk -v k="$1=" '/^hv: uart owner=hypervisor mode=emulated/ { for (i = 1; i <= NF; i++) if (index($i, k) == 1) { print substr($i, length(k) + 1); exit } }' "$log"; }
taken=$(field taken) injected=$(field injected)
(( ${taken:-0} > 0 )) || fail "no real IRQ 4 taken by the hypervisor while emulated"
(( ${injected:-0} > 0 )) || fail "no IRQ 4 injected into the OS while emulated (its receive interrupts)"
! grep -aq 'PANIC' "$log" || fail "a panic in $log"
echo "lab10: the OS's COM1 driver runs on the model, its IRQ 4 injected on each edge ($injected injected, $taken taken)${STOP:+; hv off stopped at: $STOP}"
