#!/usr/bin/env bash
# bochs-debug-session.sh --out DIR [--timeout SEC] SCRIPT [NAME...]:
# `make bochs-debug BREAK="NAME..."` driven by a script instead of a person: the
# debugger's commands go to its standard input, the serial console is the
# pseudo-terminal build/bochs-debug/com1.
# tests/bochs_debug.sh uses it, and so was the session in docs/debugging.md made.
# Script lines (blank lines and lines starting with # are skipped):
#   expect TEXT     wait until TEXT appears in the debugger's output (after the previous match)
#   console TEXT    wait until TEXT appears on the serial console (after the previous match)
#   send TEXT       type TEXT and Enter on the serial console
#   dbg COMMAND     type COMMAND into the debugger
# NAMEs are the breakpoints (tools/bochs-debug.sh). DIR/debugger.log holds what the
# debugger printed, DIR/serial.log the serial console. After the script: `q`.
# Exit status 0 when every expect matched in time; else 1, with the reason on stderr.
set -uo pipefail
out="" timeout=120
while [ $# -gt 0 ]; do
	case $1 in
	--out) out=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	*) break ;;
	esac
done
script=${1:-}
[ -n "$out" ] && [ -f "$script" ] || { echo "usage: bochs-debug-session.sh --out DIR [--timeout SEC] SCRIPT [NAME...]" >&2; exit 2; }
shift
pty=build/bochs-debug/com1
mkdir -p "$out"
log=$out/debugger.log serial=$out/serial.log fifo=$out/debugger.in
rm -f "$log" "$serial" "$fifo" "$pty"
mkfifo "$fifo"
exec 3<>"$fifo"
: > "$log"
: > "$serial"
make -s bochs-debug BREAK="$*" <&3 >"$log" 2>&1 &
debugger=$!
# tree PID: PID and every process under it (make, the scripts, Bochs, the serial bridge).
tree() {
	local c
	for c in $(pgrep -P "$1"); do tree "$c"; done
	echo "$1"
}
# stop: Bochs runs `c` deaf to its input; SIGINT (Ctrl-C) brings its prompt back, then q.
# Whatever is left after that is killed, by pid.
stop() {
	local p
	for p in $(tree "$debugger"); do
		[ "$(cat /proc/$p/comm 2>/dev/null)" = bochs-bin ] && kill -INT "$p" 2>/dev/null
	done
	printf 'q\n' >&3
	for _ in $(seq 50); do kill -0 "$debugger" 2>/dev/null || break; sleep 0.1; done
	for p in $(tree "$debugger"); do kill -9 "$p" 2>/dev/null; done
}
reader=""
cleanup() {
	[ -z "$reader" ] || kill "$reader" 2>/dev/null
	stop
	exec 3>&-
	rm -f "$fifo"
}
trap cleanup EXIT
deadline=$(( SECONDS + timeout ))
while [ ! -e "$pty" ] && [ $SECONDS -lt $deadline ] && kill -0 "$debugger" 2>/dev/null; do sleep 0.1; done
[ -e "$pty" ] || { echo "bochs-debug-session: no serial console at $pty: $(tail -n1 "$log")" >&2; exit 1; }
cat "$pty" > "$serial" 2>/dev/null &
reader=$!

declare -A pos=([debugger]=0 [console]=0)
# wait_for WHICH FILE TEXT: TEXT in FILE after the previous match there.
wait_for() {
	local which=$1 file=$2 text=$3 hit
	while :; do
		hit=$(tail -c +$(( pos[$which] + 1 )) "$file" | grep -aboF -m1 -- "$text" | head -n1)
		if [ -n "$hit" ]; then
			pos[$which]=$(( pos[$which] + ${hit%%:*} + ${#text} ))
			return 0
		fi
		kill -0 "$debugger" 2>/dev/null || { echo "bochs-debug-session: Bochs stopped before '$text' ($which)" >&2; return 1; }
		[ $SECONDS -lt $deadline ] || {
			echo "bochs-debug-session: timeout (${timeout}s) waiting for '$text' ($which); last lines: $(tail -n2 "$file" | tr -d '\r' | paste -sd'|')" >&2
			return 1
		}
		sleep 0.1
	done
}

status=0
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	'' | '#'*) ;;
	'expect '*) wait_for debugger "$log" "${line#expect }" || { status=1; break; } ;;
	'console '*) wait_for console "$serial" "${line#console }" || { status=1; break; } ;;
	'send '*) printf '%s\r' "${line#send }" > "$pty" ;;
	'dbg '*) printf '%s\n' "${line#dbg }" >&3 ;;
	*) echo "bochs-debug-session: bad script line: $line" >&2; status=1; break ;;
	esac
done < "$script"
exit $status
