#!/usr/bin/env bash
# Lab 11: IDE emulation (the PIO data phase of the ATA model,
# ide_emul_read_data_block / ide_emul_write_data_block in hv/ide_emul.c, and the
# data-port branches of in_elements / out_elements in hv/emulate.c: one call to
# the model per string instruction). In Bochs, under `hv on` + `hv emulate on
# ide`: a two-sector READ SECTORS (lba 600, a pattern the test writes into its
# copy of the image) read with `io insw` and one 32-bit `io inl` in pieces that
# cross the sector boundary answers as Bochs' own disk does natively, costs one
# exit per access and counts two sectors (hv status); two sectors written with
# `io outsw` in pieces across the boundary, and the OS driver's `disk write`,
# are on the image with the right bytes; the data port then reads 0xFFFF.
source "$(dirname "$0")/lib.sh"
read2=("io outb 0x1f6 0xe0" "io outb 0x1f2 2" "io outb 0x1f3 0x58" "io outb 0x1f4 2" "io outb 0x1f5 0"
	"io outb 0x1f7 0x20" "io insw 0x1f0 200" "io insw 0x1f0 200" "io inl 0x1f0" "io insw 0x1f0 110" "io inb 0x1f7")
write2=("io outb 0x1f6 0xe0" "io outb 0x1f2 2" "io outb 0x1f3 0x90" "io outb 0x1f4 1" "io outb 0x1f5 0"
	"io outb 0x1f7 0x30" "io outsw 0x1f0 200 0x1234" "io outsw 0x1f0 200 0x1234" "io outsw 0x1f0 112 0x1234" "io inb 0x1f7")
build build/devirt.iso build/disk.img build/tools/crc32sum
typed_script "$OUT/script" "${read2[@]}" "hv load" "hv on" "hv emulate on ide" "hv status" "${read2[@]}" "hv status" \
	"${write2[@]}" "hv status" "io inw 0x1f0" "disk write 300 0xa5 3" "disk sum 300 3" "hv emulate off" "disk sum 400 2" "disk sum 300 3" "hv off"
copy_disk
# Two sectors at lba 600 (0x258) whose bytes change from one to the next: a word
# out of order, or with its bytes swapped, changes the answers.
for i in $(seq 0 1023); do printf "\\$(printf '%03o' $(( (i * 37 + i / 256) % 256 )))"; done |
	dd of="$OUT/disk.img" bs=512 seek=600 conv=notrunc status=none
boot bochs build/devirt.iso "$OUT/script" 200 --disk "$OUT/disk.img" ||
	fail "session failed: $(grep -am1 'not implemented\|PANIC' "$OUT/bochs/serial.log")"
log=$OUT/bochs/serial.log
later_stub "$log" 11
off="hv: off: native again in"
[ -n "$STOP" ] && off="hv: off failed: ENOSYS"
crc300=$(head -c 1536 /dev/zero | tr '\0' '\245' | build/tools/crc32sum)
crc400=$(for i in $(seq 512); do printf '\x34\x12'; done | build/tools/crc32sum)
# After the write the model answers DRQ clear (0x50), and a data-port read with no
# block open 0xFFFF (the floating bus, docs/devices.md). That word is checked
# against the model, not natively: ATA leaves it undefined and Bochs answers 0.
expect_lines "$log" "hv: on: interposed in" "hv: emulate: uart owner=os, ide owner=hypervisor" \
	"io: outsw 0x1f0 112 <- 0x1234" "io: inb 0x1f7 -> 0x50" "io: inw 0x1f0 -> 0xffff" \
	"disk: wrote 3 sectors at lba 300" "disk: crc32 $crc300 over 3 sectors at lba 300" \
	"hv: emulate: uart owner=os, ide owner=os" "disk: crc32 $crc400 over 2 sectors at lba 400" \
	"disk: crc32 $crc300 over 3 sectors at lba 300" "$off" "guestos: power off" || fail "unexpected output in $log"
# The read, natively (0) and emulated (1): the same answers. Status bit 1 (IDX)
# is masked: Bochs toggles it every few status reads.
awk -v n=${#read2[@]} 'BEGIN { phase = 0; split("2 0 3 1 6 4 7 5 a 8 b 9 e c f d", m); for (i = 1; i < 16; i += 2) idx[m[i]] = m[i + 1] }
	/^hv: on: interposed/ { phase = 1 }
	/^io: inb 0x1f7 -> / { c = substr($0, length($0)); if (c in idx) $0 = substr($0, 1, length($0) - 1) idx[c] }
	/^io: / && k[phase] < n { got[phase, ++k[phase]] = $0 }
	END {
		for (p = 0; p < 2; p++) if (k[p] != n) { printf "read %d: %d answers, want %d\n", p, k[p], n > "/dev/stderr"; exit 1 }
		for (i = 1; i <= n; i++) if (got[1, i] != got[0, i]) {
			printf "answer %d differs: native \"%s\", emulated \"%s\"\n", i, got[0, i], got[1, i] > "/dev/stderr"; exit 1 }
	}' "$log" || fail "the emulated disk answers differ from Bochs' disk (see $log)"
# One exit per access, string reads included; the two sectors counted.
status() { awk -v n="$1" '/^hv: ide owner=hypervisor mode=emulated/ && ++k == n { for (i = 1; i <= NF; i++) if ($i ~ /^(port_exits|sectors)=/) { sub(/.*=/, "", $i); printf "%s ", $i }; exit }' "$log"; }
read -r e1 s1 <<<"$(status 1)"
read -r e2 s2 <<<"$(status 2)"
read -r e3 s3 <<<"$(status 3)"
(( ${e2:-0} - ${e1:-0} == ${#read2[@]} )) || fail "the read took $(( ${e2:-0} - ${e1:-0} )) port exits, want ${#read2[@]} (one per access)"
(( ${s2:-0} - ${s1:-0} == 2 )) || fail "hv status counted $(( ${s2:-0} - ${s1:-0} )) sectors for the two-sector read, want 2"
(( ${s3:-0} - ${s2:-0} == 2 )) || fail "hv status counted $(( ${s3:-0} - ${s2:-0} )) sectors for the two-sector write, want 2"
host=$(dd if="$OUT/disk.img" bs=512 skip=300 count=3 status=none | build/tools/crc32sum)
[ "$host" = "$crc300" ] || fail "disk image lba 300-302: crc32 $host, want $crc300"
host=$(dd if="$OUT/disk.img" bs=512 skip=400 count=2 status=none | build/tools/crc32sum)
[ "$host" = "$crc400" ] || fail "disk image lba 400-401 (io outsw): crc32 $host, want $crc400"
! grep -aq 'PANIC' "$log" || fail "a panic in $log"
echo "lab11: the OS's disk driver and string I/O run on the ATA model, one exit per access${STOP:+; hv off stopped at: $STOP}"
