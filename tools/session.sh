#!/usr/bin/env bash
# session.sh: one scripted boot. Starts a TCP listener for COM1, boots the ISO in
# an emulator connected to it, types commands after prompts, records the output.
#
#   session.sh --emu qemu|bochs --iso ISO --out DIR [--timeout SEC] [--script FILE]
#              [-- extra options for tools/qemu.sh or tools/bochs.sh]
#
# Script lines (blank lines and lines starting with # are skipped):
#   expect TEXT    wait until TEXT appears after the previous match
#   send TEXT      type TEXT and Enter into the serial line
# After the script the session waits for the machine to power off.
# DIR/serial.log holds the serial output (CR removed), DIR/emu.log the emulator's.
# Exit status: 0 when every expect matched and the machine powered off in time;
# 1 otherwise, with one line on stderr saying what was missing.
# Only the processes this script started are ever killed, by pid.
set -uo pipefail
emu="" iso="" out="" timeout=120 script=/dev/null
while [ $# -gt 0 ]; do
	case $1 in
	--emu) emu=$2; shift ;;
	--iso) iso=$2; shift ;;
	--out) out=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--script) script=$2; shift ;;
	--) shift; break ;;
	*) echo "session.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$emu" ] && [ -n "$iso" ] && [ -n "$out" ] || { echo "session.sh: --emu, --iso and --out are required" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
raw=$out/serial.raw
fifo=$out/serial.in
rm -f "$raw" "$fifo" "$out/serial.log"
mkfifo "$fifo"
exec 3<>"$fifo"
: > "$raw"

listener="" machine=""
cleanup() {
	for p in $machine $listener; do
		kill "$p" 2>/dev/null && { sleep 0.2; kill -9 "$p" 2>/dev/null; }
	done
	exec 3>&-
	rm -f "$fifo"
	tr -d '\r' < "$raw" > "$out/serial.log"
}
trap cleanup EXIT

for _ in 1 2 3 4 5 6 7 8; do
	port=$(( 20000 + (RANDOM * 7 + $$) % 40000 ))
	socat -T 3600 "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" - <&3 >"$raw" 2>"$out/socat.log" &
	listener=$!
	sleep 0.2
	kill -0 "$listener" 2>/dev/null && break
	listener=""
done
[ -n "$listener" ] || { echo "session: no free port for the serial listener" >&2; exit 1; }

case $emu in
qemu) "$here/qemu.sh" --iso "$iso" --serial-port "$port" "$@" >"$out/emu.log" 2>&1 & ;;
bochs) "$here/bochs.sh" --iso "$iso" --serial-port "$port" --dir "$out/bochs" "$@" >"$out/emu.log" 2>&1 & ;;
*) echo "session.sh: --emu must be qemu or bochs" >&2; exit 2 ;;
esac
machine=$!
deadline=$(( SECONDS + timeout ))
pos=0

alive() { kill -0 "$machine" 2>/dev/null; }

expect_text() {
	local text=$1 hit
	while :; do
		hit=$(tail -c +$((pos + 1)) "$raw" | grep -aboF -m1 -- "$text" | head -n1)
		if [ -n "$hit" ]; then
			pos=$(( pos + ${hit%%:*} + ${#text} ))
			return 0
		fi
		if ! alive; then
			sleep 0.3
			tail -c +$((pos + 1)) "$raw" | grep -aqF -- "$text" && { expect_text "$text"; return; }
			echo "session: machine stopped before printing '$text'" >&2
			return 1
		fi
		[ $SECONDS -lt $deadline ] || { echo "session: timeout (${timeout}s) waiting for '$text'" >&2; return 1; }
		sleep 0.1
	done
}

status=0
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	'' | '#'*) ;;
	'expect '*) expect_text "${line#expect }" || { status=1; break; } ;;
	'send '*) printf '%s\r' "${line#send }" >&3 ;;
	*) echo "session: bad script line: $line" >&2; status=1; break ;;
	esac
done < "$script"

if [ $status -eq 0 ]; then
	while alive && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
	if alive; then
		echo "session: timeout (${timeout}s) waiting for power-off" >&2
		status=1
	fi
fi
# A failed expect or a timeout leaves the machine running: stop it, or the wait never ends.
if alive; then
	kill "$machine" 2>/dev/null
	sleep 0.2
	kill -9 "$machine" 2>/dev/null
fi
wait "$machine" 2>/dev/null
echo "$?" > "$out/emu.status"
machine=""
sleep 0.2
exit $status
