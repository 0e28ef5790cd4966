#!/usr/bin/env bash
# Lab 01: the polled 16550 console (kernel/serial.c). The early boot line must arrive
# in both emulators, with CR LF line ends, and the last line must be complete when
# the machine powers off (Bochs drops bytes still in the UART: serial_drain must
# wait). Only the console is used: the shell and `poweroff`, no task (lab 02).
source "$(dirname "$0")/lib.sh"
build build/devirt.iso build/disk.img
typed_script "$OUT/script" "help" "mem"
for emu in qemu bochs; do
	cp build/disk.img "$OUT/disk.img"
	boot $emu build/devirt.iso "$OUT/script" 120 --disk "$OUT/disk.img"
	raw=$OUT/$emu/serial.raw
	grep -aq $'guestos: starting\r$' "$raw" || fail "$emu: no CR LF-terminated early console line in $raw"
	if grep -aq $'[^\r]$' <(grep -a 'guestos:' "$raw"); then
		fail "$emu: a line ends in LF without CR"
	fi
	last=$(tail -c 2 "$raw" | od -An -c | tr -d ' ')
	[ "$last" = '\r\n' ] || fail "$emu: output ends mid-line ($last): was the UART drained before power-off?"
done
echo "lab01: console lines arrive whole, CR LF, in QEMU and Bochs"
