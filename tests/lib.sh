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
