#!/usr/bin/env bash
# `make qemu` and `make bochs` give the shell on standard input and output: typed
# commands are answered and `poweroff` ends the run with a zero exit status.
source "$(dirname "$0")/lib.sh"
make -s all >/dev/null || fail "build failed"
for emu in qemu bochs; do
	fifo=$OUT/$emu.in out=$OUT/$emu.out
	mkfifo "$fifo"
	exec 3<>"$fifo"
	timeout 120 make -s "$emu" <&3 >"$out" 2>&1 &
	run=$!
	for _ in $(seq 600); do grep -aq 'guestos> ' "$out" && break; sleep 0.1; done
	grep -aq 'guestos> ' "$out" || { kill $run; fail "$emu: no prompt on standard output"; }
	printf 'mem\r' >&3
	for _ in $(seq 100); do grep -aq '^mem: ' <(tr -d '\r' < "$out") && break; sleep 0.1; done
	printf 'poweroff\r' >&3
	wait $run
	status=$?
	exec 3>&-
	tr -d '\r' < "$out" | grep -aq '^mem: [0-9]* pages free of ' || fail "$emu: mem was not answered"
	tr -d '\r' < "$out" | grep -aq '^guestos: power off' || fail "$emu: poweroff was not answered"
	[ $status -eq 0 ] || fail "make $emu exited $status after poweroff"
	echo "make $emu: typed commands answered, clean exit"
done
