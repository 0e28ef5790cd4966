#!/usr/bin/env bash
# first-failure.sh DIR [--known TEXT]...: the first line of a boot's output
# (tools/session.sh DIR) that says why it went wrong: `on failed:`, `off failed:`,
# PANIC, `not implemented` or FAIL. It looks at the serial output, then at what
# the machine wrote to port 0xE9 (DIR/debugcon.log for QEMU; for Bochs, DIR/emu.log
# without Bochs' own log lines and without the power-off line, which is the
# consequence, not the cause). Lines containing a --known TEXT are expected by
# the caller and skipped. Prints nothing when there is no such line.
set -uo pipefail
dir=$1
shift
known=()
while [ $# -gt 0 ]; do
	case $1 in
	--known) known+=("$2"); shift ;;
	*) echo "first-failure.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
{
	tr -d '\r' < "$dir/serial.raw" 2>/dev/null || cat "$dir/serial.log" 2>/dev/null
	cat "$dir/debugcon.log" 2>/dev/null
	[ -d "$dir/bochs" ] && grep -av '^[0-9]\{11\}[a-z]\[\|>>PANIC<<\|\[power\] off' "$dir/emu.log" 2>/dev/null
} | grep -aE '(on|off) failed: |PANIC|not implemented|FAIL' |
	awk -v n=${#known[@]} 'BEGIN { for (i = 1; i <= n; i++) k[i] = ARGV[i]; ARGC = 1 }
		{ for (i = 1; i <= n; i++) if (index($0, k[i])) next; print; exit }' "${known[@]}"
