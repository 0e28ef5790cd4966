#!/usr/bin/env bash
# Lab 01: the polled 16550 console (kernel/serial.c). The early boot line must arrive
# in both emulators, with CR LF line ends, and the last line must be complete when
# Bochs powers off (it drops bytes still in the UART: serial_drain must wait).
source "$(dirname "$0")/lib.sh"
make -s build/devirt-smoke.iso build/disk.img || fail "build failed"
for emu in qemu bochs; do
	boot $emu build/devirt-smoke.iso /dev/null 120 || fail "$emu: session failed ($(tail -n1 "$OUT/$emu/serial.log" 2>/dev/null))"
	raw=$OUT/$emu/serial.raw
	grep -aq $'guestos: starting\r$' "$raw" || fail "$emu: no CR LF-terminated early console line in $raw"
	if grep -aq $'[^\r]$' <(grep -a 'guestos:' "$raw"); then
		fail "$emu: a line ends in LF without CR"
	fi
	last=$(tail -c 2 "$raw" | od -An -c | tr -d ' ')
	[ "$last" = '\r\n' ] || fail "$emu: output ends mid-line ($last): was the UART drained before power-off?"
done
echo "lab01: console lines arrive whole, CR LF, in QEMU and Bochs"
