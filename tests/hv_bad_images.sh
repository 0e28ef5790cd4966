#!/usr/bin/env bash
# Corrupt hypervisor images (tools/hvcorrupt.c, one defect each) are refused
# by `hv load NAME` with one line naming the defect; not one page is taken,
# and a good image still loads afterwards. Loading needs no VMX: QEMU.
source "$(dirname "$0")/lib.sh"
make -s build/badimages.iso >"$OUT/make.log" 2>&1 || fail "cannot build build/badimages.iso (see $OUT/make.log)"
declare -A want=(
	[bad-magic]="wrong magic: not a devirt hypervisor image"
	[bad-version]="wrong ABI version"
	[bad-sizes]="impossible sizes: image, bss and heap exceed 64 MiB"
	[bad-entry]="entry point outside the image"
	[bad-linkbase]="wrong link base"
	[bad-checksum]="bad checksum: image corrupted"
	[truncated]="truncated: module shorter than the image size"
)
names="bad-magic bad-version bad-sizes bad-entry bad-linkbase bad-checksum truncated"
{
	echo "expect guestos> "
	echo "send mem"
	for n in $names; do
		echo "expect guestos> "
		echo "send hv load $n"
	done
	echo "expect guestos> "
	echo "send mem"
	echo "expect guestos> "
	echo "send hv status"
	echo "expect guestos> "
	echo "send hv load"
	echo "expect guestos> "
	echo "send hv unload"
	echo "expect guestos> "
	echo "send poweroff"
} > "$OUT/script"
boot qemu build/badimages.iso "$OUT/script" 60 || fail "session failed: see $OUT/qemu/serial.log"
log=$OUT/qemu/serial.log
for n in $names; do
	# The command's whole output: the lines between its echo and the next prompt.
	out=$(awk -v cmd="guestos> hv load $n" '$0 == cmd { on = 1; next } on && /^guestos> / { exit } on { print }' "$log")
	[ "$out" = "hv: load $n: ${want[$n]}" ] || fail "hv load $n printed '$out', want 'hv: load $n: ${want[$n]}'"
done
free=$(awk '/^mem: / { print $2 }' "$log" | sort -u)
[ "$(echo "$free" | wc -l)" = 1 ] || fail "free pages changed across the refused loads: $(echo $free)"
expect_lines "$log" "hv: not loaded" "hv: loaded \"hv\"" "hv: unloaded, free pages $free" "guestos: power off" ||
	fail "the good image did not load and unload cleanly after the refusals"
