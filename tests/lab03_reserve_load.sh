#!/usr/bin/env bash
# Lab 03: load, enter and come back (guestos/hvload/loader.c loader_load and loader_unload,
# guestos/hvload/trampoline.S, hv/native.c native_resume). Corrupt images are refused
# with one line and not one page taken; the good image gets one page-aligned block
# of exactly image + bss + heap, mapped at HV_LINK_BASE so that its entry runs:
# `hv on` goes through the trampoline into the hypervisor, which refuses (QEMU has
# no VMX; or a later lab's stub stops it) and hands the CPU back with
# native_resume, so the OS goes on natively. Unload returns every page and the
# mapping, so a second load works. No VMX needed: QEMU.
source "$(dirname "$0")/lib.sh"
build build/badimages.iso build/disk.img
typed_script "$OUT/script" \
	"mem" "hv load bad-checksum" "hv load truncated" "mem" \
	"hv load" "hv status" "mem" "state" "hv on" "state" "ticks" \
	"hv unload" "mem" "hv load" "hv on" "ticks" \
	"hv unload" "mem"
boot qemu build/badimages.iso "$OUT/script" 60
log=$OUT/qemu/serial.log
# The block the image header asks for: image + bss + heap (struct hv_image_header in hv/abi.h).
read -r image bss heap < <(od -An -tu8 -j16 -N24 -w24 build/hv.bin)
pages=$(( (image + bss + heap) / 4096 ))
# Each command's whole output: the lines between its echo and the next prompt.
out() { awk -v cmd="guestos> $1" '$0 == cmd { on = 1; next } on && /^guestos> / { exit } on { print }' "$log"; }
[ "$(out 'hv load bad-checksum')" = "hv: load bad-checksum: bad checksum: image corrupted" ] ||
	fail "hv load bad-checksum printed '$(out 'hv load bad-checksum')'"
[ "$(out 'hv load truncated')" = "hv: load truncated: truncated: module shorter than the image size" ] ||
	fail "hv load truncated printed '$(out 'hv load truncated')'"
free=($(awk '/^mem: / { print $2 }' "$log"))
[ ${#free[@]} = 5 ] || fail "expected 5 mem lines, got ${#free[@]} (see $log)"
[ "${free[1]}" = "${free[0]}" ] || fail "refused loads took pages: free ${free[0]} before, ${free[1]} after"
# The hypervisor refused: no VMX here, or (later labs still to do) their first stub.
later_stub "$log" 03
refused="hv: on failed: VMX not available on this CPU (ENODEV); still native"
[ -n "$STOP" ] && refused="hv: on failed: $STOP (ENOSYS); still native"
expect_lines "$log" "hv: loaded \"hv\" at " "hv: image \"hv\" at " \
	"$refused" "ticks: " "hv: unloaded, free pages ${free[0]}" \
	"hv: loaded \"hv\" at " "$refused" "ticks: " \
	"hv: unloaded, free pages ${free[0]}" "guestos: power off" || fail "unexpected output in $log"
loaded=$(out 'hv load')
[[ $loaded =~ ^hv:\ loaded\ \"hv\"\ at\ ([0-9a-f]+),\ ([0-9]+)\ KiB,\ free\ pages\ ([0-9]+)$ ]] ||
	fail "hv load printed '$loaded'"
base=${BASH_REMATCH[1]} kib=${BASH_REMATCH[2]}
(( kib == pages * 4 )) || fail "the block is $kib KiB; image + bss + heap is $((pages * 4)) KiB"
(( (0x$base & 0xfff) == 0 )) || fail "the block at $base is not page aligned"
[ "$(out 'hv status')" = "hv: image \"hv\" at $base, $kib KiB, off" ] || fail "hv status printed '$(out 'hv status')'"
# Loaded: the block's pages plus at most the two page tables that map it at HV_LINK_BASE.
taken=$(( free[1] - free[2] ))
(( taken >= pages && taken <= pages + 2 )) || fail "hv load took $taken pages; the block is $pages pages (+ up to 2 page tables)"
[ "${free[3]}" = "${free[0]}" ] || fail "free pages ${free[0]} before load, ${free[3]} after unload"
[ "${free[4]}" = "${free[0]}" ] || fail "free pages ${free[0]} before, ${free[4]} after the second load and unload"
# Back natively with interrupts as before: the timer ticks on after each `hv on`.
t=($(awk '/^ticks: / { print $2 }' "$log"))
(( t[1] > t[0] )) || fail "the timer stopped after hv on came back (ticks ${t[0]}, then ${t[1]})"
# Everything the hypervisor changed to run is given back (native_resume), and the
# callee-saved registers come back from the trampoline's record.
registers_kept "$log"
same_state "$log" 1 2 "hv on and its rollback"
echo "lab03: bad images refused, $pages-page block at $base loaded, entered, left and given back twice${STOP:+ (stopped at: $STOP)}"
