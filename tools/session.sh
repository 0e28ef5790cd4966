#!/usr/bin/env bash
# session.sh: one scripted boot. Starts a TCP listener for COM1, boots the ISO in
# an emulator connected to it, types commands after prompts, records the output.
#
#   session.sh --emu qemu|bochs --iso ISO --out DIR [--timeout SEC] [--script FILE]
#              [--power ok|fail|any] [--known TEXT]...
#              [-- extra options for tools/qemu.sh or tools/bochs.sh]
#
# Script lines (blank lines and lines starting with # are skipped):
#   expect TEXT    wait until TEXT appears after the previous match
#   send TEXT      type TEXT and Enter into the serial line
# After the script the session waits for the machine to power off, and judges how:
# kernel/power.c says "[power] off: ok" or "[power] off: FAIL" on port 0xE9 (Bochs
# exits with status 1 either way), QEMU exits 33 or 35 (isa-debug-exit). --power
# says which is wanted (default ok); an emulator that stops any other way crashed.
# DIR/serial.log holds the serial output (CR removed), DIR/emu.log the emulator's
# (Bochs: its port 0xE9 output too), DIR/debugcon.log QEMU's port 0xE9 output,
# DIR/emu.status its exit status, DIR/power ok|fail|none.
# Exit status: 0 when every expect matched and the machine powered off in time as
# wanted; 1 otherwise, with one line on stderr (and in DIR/why) saying what went
# wrong and the first failure line of the output (`on failed:`, PANIC, `not
# implemented`, FAIL: tools/first-failure.sh; --known TEXT skips lines the caller
# expects), or for a hang the last serial lines.
# Only the processes this script started are ever killed, by pid.
set -uo pipefail
emu="" iso="" out="" timeout=120 script=/dev/null power=ok known=()
while [ $# -gt 0 ]; do
	case $1 in
	--emu) emu=$2; shift ;;
	--iso) iso=$2; shift ;;
	--out) out=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--script) script=$2; shift ;;
	--power) power=$2; shift ;;
	--known) known+=(--known "$2"); shift ;;
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
rm -f "$raw" "$fifo" "$out/serial.log" "$out/why" "$out/power" "$out/debugcon.log" "$out/emu.status"
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
qemu) "$here/qemu.sh" --iso "$iso" --serial-port "$port" --debugcon "$out/debugcon.log" "$@" >"$out/emu.log" 2>&1 & ;;
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
			why="the machine stopped before printing '$text'"
			return 1
		fi
		[ $SECONDS -lt $deadline ] || { why="timeout (${timeout}s) waiting for '$text'"; return 1; }
		sleep 0.1
	done
}

# evidence: the first failure line, and for a hang the last serial lines too.
evidence() {
	local f last
	f=$("$here/first-failure.sh" "$out" "${known[@]}")
	last=$(tr -d '\r' < "$raw" | grep -av '^\s*$' | tail -n3 | paste -sd'|' | sed 's/|/ | /g')
	case $why in
	timeout*) echo "${f:+first failure: $f; }last serial lines: ${last:-none}" ;;
	*) if [ -n "$f" ]; then echo "first failure: $f"; else echo "last serial lines: ${last:-none}"; fi ;;
	esac
}
# judge_power_off STATUS: how the machine stopped, against --power; sets power_why.
judge_power_off() {
	local rc=$1 got=none bye
	case $emu in
	qemu) case $rc in 33) got=ok ;; 35) got=fail ;; esac ;;
	bochs)
		if grep -aq '\[power\] off: FAIL' "$out/emu.log"; then
			got=fail
		elif grep -aq '\[power\] off: ok' "$out/emu.log"; then
			got=ok
		fi
		# Bochs leaves with status 1 after the shutdown port; anything else is a crash.
		if [ "$got" != none ] && [ "$rc" != 1 ]; then
			power_why="Bochs exited with status $rc after the power-off (a crash on exit)"
			got=crash
		fi ;;
	esac
	echo "$got" > "$out/power"
	case $got in
	none)
		if [ "$emu" = bochs ]; then
			bye=$(grep -a -A1 '^Bochs is exiting with the following message' "$out/emu.log" 2>/dev/null | tail -n1)
		else
			bye=$(grep -av '^\s*$' "$out/emu.log" 2>/dev/null | tail -n1)
		fi
		power_why="the $emu machine stopped without powering off (exit status $rc${bye:+: $bye})" ;;
	fail) [ "$power" = fail ] || [ "$power" = any ] || power_why="the machine powered off with the failure status" ;;
	ok) [ "$power" = ok ] || [ "$power" = any ] || power_why="the machine powered off normally, not with the failure status wanted" ;;
	esac
}

why="" power_why=""
status=0
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	'' | '#'*) ;;
	'expect '*) expect_text "${line#expect }" || { status=1; break; } ;;
	'send '*) printf '%s\r' "${line#send }" >&3 ;;
	*) why="bad script line: $line"; status=1; break ;;
	esac
done < "$script"

if [ $status -eq 0 ]; then
	while alive && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
	if alive; then
		why="timeout (${timeout}s) waiting for power-off"
		status=1
	fi
fi
# A failed expect or a timeout leaves the machine running: stop it, or the wait never ends.
killed=""
if alive; then
	killed=1
	kill "$machine" 2>/dev/null
	sleep 0.2
	kill -9 "$machine" 2>/dev/null
fi
wait "$machine" 2>/dev/null
rc=$?
echo "$rc" > "$out/emu.status"
machine=""
sleep 0.2
tr -d '\r' < "$raw" > "$out/serial.log"
[ -n "$killed" ] || judge_power_off "$rc"
why=$why${why:+${power_why:+; }}$power_why
[ -n "$why" ] || exit 0
echo "$why; $(evidence)" > "$out/why"
echo "session: $(cat "$out/why")" >&2
exit 1
