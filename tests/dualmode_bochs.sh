#!/usr/bin/env bash
# Dual-mode drivers in Bochs: nothing lost in any driver mode.
# Under the hypervisor, for each mode in the table below, the console and the
# disk switch to that mode (`driver console M`, `driver disk M`), the OS
# writes known sectors and runs the uart and disk workloads, whose results
# must equal the native ones. Then a long line is typed while the console
# switches modes every timer tick (`driver cycle`): it must reach the shell
# whole and in order. After `hv off` (which puts every driver back to direct)
# the OS reads each mode's sectors back natively, typing still works
# through the OS's own IRQ 4 handler, and after power-off the host finds the
# same bytes in the disk image.
source "$(dirname "$0")/lib.sh"
SECTORS=20
# mode lba pattern
rows=(
	"direct 3000 dm-direct-"
	"emulated 3050 dm-emulated-"
	"hypercall 3100 dm-hypercall-mode-"
)
line1=typed-while-switching-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-end1
line2=second-line-ZYXWVUTSRQPONMLKJIHGFEDCBA-9876543210-zyxwvutsrqponmlkjihgfedcba-end2
after=typed-after-hv-off-natively

s=$OUT/script
{
	for c in "run uart 100" "run disk 8" "hv load" "hv on"; do printf 'expect guestos> \nsend %s\n' "$c"; done
	for row in "${rows[@]}"; do
		read -r mode lba pat <<<"$row"
		for c in "driver console $mode" "driver disk $mode" "disk write $lba $pat $SECTORS" \
			"disk sum $lba $SECTORS" "run uart 100" "run disk 8" "hv status"; do
			printf 'expect guestos> \nsend %s\n' "$c"
		done
	done
	# Typed while the console switches: no prompt to wait for.
	printf 'expect guestos> \nsend driver cycle 40\nsend %s\nsend %s\n' "$line1" "$line2"
	printf 'expect unknown command: %s\n' "$line2"
	for c in "driver console hypercall" "driver disk hypercall" "hv off" "driver"; do
		printf 'expect guestos> \nsend %s\n' "$c"
	done
	for row in "${rows[@]}"; do
		read -r mode lba pat <<<"$row"
		printf 'expect guestos> \nsend disk sum %s %s\n' "$lba" "$SECTORS"
	done
	printf 'expect guestos> \nsend %s\nexpect guestos> \nsend poweroff\n' "$after"
} > "$s"
copy_disk
disk=$OUT/disk.img
boot bochs build/devirt.iso "$s" 600 --disk "$disk" || fail "session failed: see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log

# The native results every mode must reproduce.
native_uart=$(awk '/^workload uart: ok/ { print $5; exit }' "$log")
native_disk=$(awk '/^workload disk: ok/ { print $5; exit }' "$log")
[ "$native_uart" = "result=100" ] || fail "native uart workload: $native_uart"
[ -n "$native_disk" ] || fail "no native disk workload line"

# uart_output K: what the Kth `run uart` printed before its result line.
uart_output() { awk -v k="$1" '/^guestos> run uart/ { on = ++seen == k; next } /^workload uart:/ { on = 0 } on' "$log"; }
[ -n "$(uart_output 1)" ] || fail "the native uart workload printed nothing"

n=0
for row in "${rows[@]}"; do
	read -r mode lba pat <<<"$row"
	n=$((n + 1))
	awk -v w="$pat" -v len=$((SECTORS * 512)) 'BEGIN { s = ""; while (length(s) < len) s = s w; printf "%s", substr(s, 1, len) }' > "$OUT/$mode.want"
	crc=$(build/tools/crc32sum < "$OUT/$mode.want")
	dd if="$disk" bs=512 skip="$lba" count=$SECTORS status=none | cmp -s "$OUT/$mode.want" - ||
		fail "$mode: sectors $lba.. in the disk image differ from what the OS wrote"
	# In the mode: the write, the sum, the workloads; later natively: the same sum.
	expect_lines "$log" "driver: console $mode" "driver: disk $mode" "disk: wrote $SECTORS sectors at lba $lba" \
		"disk: crc32 $crc over $SECTORS sectors at lba $lba" "workload uart: ok n=100 $native_uart" \
		"workload disk: ok n=8 $native_disk" "hv: devices:" "hv: off: native again" \
		"disk: crc32 $crc over $SECTORS sectors at lba $lba" || fail "$mode: unexpected output in $log"
	# The uart workload's own output, whole and in order: as natively.
	[ "$(uart_output $((n + 1)))" = "$(uart_output 1)" ] || fail "$mode: the uart workload's output differs from the native one"
done

# Who owned what in each row (its `hv status`), and the interrupts the hypervisor's driver took.
n=0
for row in "${rows[@]}"; do
	read -r mode lba pat <<<"$row"
	n=$((n + 1))
	dev=$(awk -v k=$n '/^hv: devices:/ && ++seen == k' "$log")
	grep -q "; 0 refused" <<<"$dev" || fail "$mode: the OS's own device hypercalls were refused: $dev"
	case $mode in
	direct) grep -q "uart owned by os, ide owned by os;" <<<"$dev" || fail "$mode: $dev" ;;
	hypercall)
		grep -q "uart owned by hv, ide owned by hv;" <<<"$dev" || fail "$mode: $dev"
		fwd=$(sed -n 's/.*uart irqs \([0-9]*\) taken, \([0-9]*\) forwarded.*/\2/p' <<<"$dev")
		((fwd > 0)) || fail "$mode: no UART interrupt forwarded to the OS: $dev" ;;
	esac
done

# Typed across switches: echoed and executed whole, in order.
expect_lines "$log" "driver: cycle:" "unknown command: $line1" "unknown command: $line2" ||
	fail "a line typed while the console switched modes arrived damaged"
grep -q "^driver: cycle: [1-9][0-9]* console switches, now hypercall" "$log" || fail "$(grep 'driver: cycle' "$log")"
# hv off put both back to direct; typing reaches the OS's own handler again.
expect_lines "$log" "hv: off: native again" "console: direct (driver uart" "disk: direct (driver ide)" \
	"unknown command: $after" "guestos: power off" || fail "after hv off: unexpected output in $log"
