# tests/lib.sh: helpers every test sources.
# A test is tests/NAME.sh: exit 0 = pass; otherwise its last stderr line is the reason.
# Tests run from the top of the tree; they use `make -s` for what they need.
set -uo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$TOP"
TEST_NAME=$(basename "$0" .sh)
OUT=build/tests/$TEST_NAME
rm -rf "$OUT"
mkdir -p "$OUT"

fail() { echo "$*" >&2; exit 1; }

# boot EMU ISO SCRIPT [TIMEOUT] [extra emulator options...]: a scripted session into $OUT/EMU.
boot() {
	local emu=$1 iso=$2 script=$3 timeout=${4:-120}
	shift 4 2>/dev/null || shift $#
	tools/session.sh --emu "$emu" --iso "$iso" --out "$OUT/$emu" --timeout "$timeout" --script "$script" -- "$@"
}

# expect_lines FILE LINE...: every LINE appears in FILE, in this order (fixed strings).
expect_lines() {
	local file=$1
	shift
	awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i + 1]; ARGC = 2; k = 1 }
		k <= n && index($0, want[k]) { k++ }
		END { if (k <= n) { print "missing in order: " want[k] > "/dev/stderr"; exit 1 } }' "$file" "$@"
}

# pages_all_returned LOG CYCLES: the free-page count from the first `mem` line comes
# back after `hv unload`, after `hv cycle CYCLES` and at the last `mem` line.
pages_all_returned() {
	local log=$1 cycles=$2 before unloaded last
	before=$(awk '/^mem: / { print $2; exit }' "$log")
	unloaded=$(awk '/^hv: unloaded, free pages/ { print $NF; exit }' "$log")
	last=$(awk '/^mem: / { n = $2 } END { print n }' "$log")
	[ "$before" = "$unloaded" ] || fail "free pages before load $before, after unload $unloaded"
	grep -q "hv: cycle: $cycles of $cycles cycles, free pages before $before after $before, leaked 0" "$log" ||
		fail "hv cycle $cycles: $(grep 'hv: cycle' "$log")"
	[ "$last" = "$before" ] || fail "free pages at the end $last, at the start $before"
}

# typed_script FILE COMMAND...: a tools/session.sh script that waits for the shell
# prompt before typing each COMMAND, then `poweroff`.
typed_script() {
	local file=$1 c
	shift
	for c in "$@" poweroff; do
		printf 'expect guestos> \nsend %s\n' "$c"
	done > "$file"
}
