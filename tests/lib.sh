# tests/lib.sh: helpers every test sources.
# A test is tests/NAME.sh: exit 0 = pass; otherwise its last line is the reason.
# fail() writes that line, and adds what the last boot's output says went wrong
# (tools/first-failure.sh), so no test ends with an empty or vague reason.
# Tests run from the top of the tree; they build what they boot (build).
set -uo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$TOP"
TEST_NAME=$(basename "$0" .sh)
OUT=build/tests/$TEST_NAME
rm -rf "$OUT"
mkdir -p "$OUT"

# Output lines the test wants although they look like failures ("hv: on failed:
# ..." where a refusal is the point): the search for the cause skips them.
KNOWN_FAILURES=()
LAST_BOOT=""
MISSING_LINE=""

# fail MESSAGE: the test's verdict, with the line expect_lines missed and the
# first failure line of the last boot, when there are such lines.
fail() {
	local msg=$* f="" k args=()
	[ -n "$MISSING_LINE" ] && msg="$msg: missing in order: '$MISSING_LINE'"
	if [ -n "$LAST_BOOT" ] && [[ $msg != *"first failure: "* ]]; then
		for k in "${KNOWN_FAILURES[@]}"; do args+=(--known "$k"); done
		f=$(tools/first-failure.sh "$LAST_BOOT" "${args[@]}")
		[ -n "$f" ] && msg="$msg (first failure: $f)"
	fi
	echo "$msg" >&2
	exit 1
}

# build TARGET...: make what the test boots, or fail with make's first error.
build() {
	make -s "$@" >"$OUT/make.log" 2>&1 ||
		fail "cannot build $*: $(grep -m1 -E 'error|Error|No rule' "$OUT/make.log") (see $OUT/make.log)"
}

# boot EMU ISO SCRIPT [TIMEOUT] [extra emulator options...]: a scripted session into
# $OUT/EMU (tools/session.sh). The machine must power off as POWER says (ok, fail or
# any; default ok); anything else (a failed expect, a hang, a crash) fails the test
# with the session's reason.
boot() {
	local emu=$1 iso=$2 script=$3 timeout=${4:-120} k args=()
	shift 4 2>/dev/null || shift $#
	for k in "${KNOWN_FAILURES[@]}"; do args+=(--known "$k"); done
	LAST_BOOT=$OUT/$emu
	local why
	session() {
		tools/session.sh --emu "$emu" --iso "$iso" --out "$OUT/$emu" --timeout "$timeout" --script "$script" \
			--power "${POWER:-ok}" "${args[@]}" -- "$@" 2>/dev/null
	}
	session "$@" && return 0
	why=$(cat "$OUT/$emu/why" 2>/dev/null || echo "the session failed to start")
	[ "$(cat "$OUT/$emu/power" 2>/dev/null)" = crash ] || fail "$emu: $why"
	# Bochs 2.7 now and then dies of SIGSEGV on its way out after a clean
	# power-off. Once is its bug and is said; twice in a row fails the test.
	echo "warning: $why; booting once more" >&2
	rm -rf "$OUT/$emu.crashed" && mv "$OUT/$emu" "$OUT/$emu.crashed"
	session "$@" || fail "$emu: $(cat "$OUT/$emu/why" 2>/dev/null || echo "the session failed to start")"
}

# expect_lines FILE LINE...: every LINE appears in FILE, in this order (fixed strings).
# The first one missing is kept for fail().
expect_lines() {
	local file=$1
	shift
	MISSING_LINE=$(awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i + 1]; ARGC = 2; k = 1 }
		k <= n && index($0, want[k]) { k++ }
		END { if (k <= n) print want[k] }' "$file" "$@")
	[ -z "$MISSING_LINE" ]
}

# later_stub LOG N: sets STOP to the first "LAB MM: ...: not implemented" line in LOG.
# MM <= N fails the test: lab N's work, or an earlier lab's, is missing. MM > N: the
# flow went through lab N and stopped cleanly at a later lab's stub (a handout where
# the later labs are still to do). STOP is empty when no stub was reached.
later_stub() {
	local mm
	STOP=$(grep -a -m1 -oE 'LAB [0-9]{2}: .*not implemented' "$1")
	[ -n "$STOP" ] || return 0
	mm=$(sed -E 's/.*LAB ([0-9]{2}): .*/\1/' <<<"$STOP")
	(( 10#$mm > 10#$2 )) || fail "lab $mm is not implemented"
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

# copy_disk: a fresh copy of build/disk.img at $OUT/disk.img, for a test that
# boots with --disk (the guest writes to it; build/disk.img stays pristine).
copy_disk() {
	cp build/disk.img "$OUT/disk.img" || fail "cannot copy build/disk.img (make disk)"
}

# check_cpuid1 LOG N native|guest [WHAT]: the Nth `cpuid 1` line of LOG shows the
# CPU as the OS sees it natively (ECX.VMX, bit 5, set; ECX.hypervisor, bit 31,
# clear) or as a guest (VMX hidden, hypervisor bit set). WHAT names the moment.
check_cpuid1() {
	local log=$1 n=$2 want=$3 what=${4:-cpuid 1} ecx
	ecx=$(awk -v n="$n" '/^cpuid 1.0:/ && ++k == n { sub("ecx=", "", $5); print $5 }' "$log")
	[ -n "$ecx" ] || fail "$what: no cpuid 1 line number $n in $log"
	case $want in
	native) (((0x$ecx & 0x20) && !(0x$ecx & 0x80000000))) ||
		fail "$what: cpuid 1 ecx=$ecx, want native: VMX (bit 5) set, hypervisor (bit 31) clear" ;;
	guest) ((!(0x$ecx & 0x20) && (0x$ecx & 0x80000000))) ||
		fail "$what: cpuid 1 ecx=$ecx, want a guest: VMX (bit 5) clear, hypervisor (bit 31) set" ;;
	*) fail "check_cpuid1: native or guest, not $want" ;;
	esac
}

# registers_kept LOG: no `hv on` in LOG lost a callee-saved register (the OS
# holds sentinels in RBX, RBP, R12-R15 across the launch: guestos/hvload/sentinel.S).
registers_kept() {
	local bad
	bad=$(grep -a -m1 'callee-saved registers not kept' "$1")
	[ -z "$bad" ] || fail "$bad"
}

# state_listing LOG N [SKIP]: the Nth `state` command's output in LOG, sorted, without
# the lines that may change on their own between two listings (CR2: the last page
# fault; DR6: the last debug exception) and the names SKIP matches (a regex).
state_listing() {
	awk -v n="$2" -v skip="^state (cr2|dr6${3:+|$3})=" '$0 == "guestos> state" { k++; on = (k == n); next }
		/^guestos> / { on = 0 } on && /^state / && $0 !~ skip { print }' "$1" | sort
}

# same_state LOG N M WHAT [SKIP]: the Nth and Mth `state` listings are alike but for
# the names SKIP matches, or the test fails naming the first difference.
same_state() {
	local a b d
	a=$(state_listing "$1" "$2" "${5:-}") b=$(state_listing "$1" "$3" "${5:-}")
	[ -n "$a" ] || fail "$4: no state listing number $2 in $1"
	[ -n "$b" ] || fail "$4: no state listing number $3 in $1"
	d=$(diff <(echo "$a") <(echo "$b") | grep -m2 '^[<>]' | tr '\n' ' ')
	[ -z "$d" ] || fail "$4: the CPU state differs ($d)"
}
