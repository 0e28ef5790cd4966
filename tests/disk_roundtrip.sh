#!/usr/bin/env bash
# The disk driver against the host's view of the same image (QEMU):
# bytes the host put on the disk read back in the guest with the same CRC-32,
# and bytes the guest wrote are, byte for byte, in the image after power-off,
# with the sectors around them untouched.
source "$(dirname "$0")/lib.sh"
copy_disk
disk=$OUT/disk.img

# Host -> guest: random sectors 200-203.
head -c 2048 /dev/urandom > "$OUT/host.bin"
dd if="$OUT/host.bin" of="$disk" bs=512 seek=200 conv=notrunc status=none
host_crc=$(build/tools/crc32sum < "$OUT/host.bin")

# Guest -> host: a word repeated over sectors 100-107 (300 sectors: more than
# one driver chunk and more than one ATA command of 256 sectors at 1000).
word=devirt-roundtrip-
typed_script "$OUT/script" "disk sum 200 4" "disk write 100 $word 8" "disk sum 100 8" "disk write 1000 0x3c 300" \
	"disk sum 1000 300"
boot qemu build/devirt.iso "$OUT/script" 90 --disk "$disk" || fail "session failed; see $OUT/qemu/serial.log"
log=$OUT/qemu/serial.log

expect_lines "$log" "disk: crc32 $host_crc over 4 sectors at lba 200" || fail "guest read of host-written sectors: want crc32 $host_crc"

awk -v w="$word" 'BEGIN { for (i = 0; i < 4096; i += length(w)) printf "%s", w }' | head -c 4096 > "$OUT/want.bin"
dd if="$disk" bs=512 skip=100 count=8 status=none > "$OUT/got.bin"
cmp -s "$OUT/want.bin" "$OUT/got.bin" || fail "sectors 100-107 of $disk differ from the pattern the guest wrote"
want_crc=$(build/tools/crc32sum < "$OUT/want.bin")
expect_lines "$log" "disk: crc32 $want_crc over 8 sectors at lba 100" || fail "guest sum of its write: want crc32 $want_crc"

head -c $((300 * 512)) /dev/zero | tr '\0' '\074' > "$OUT/want300.bin"
dd if="$disk" bs=512 skip=1000 count=300 status=none | cmp -s "$OUT/want300.bin" - ||
	fail "sectors 1000-1299 of $disk differ from the 0x3c the guest wrote"
expect_lines "$log" "disk: crc32 $(build/tools/crc32sum < "$OUT/want300.bin") over 300 sectors at lba 1000" ||
	fail "guest sum of 300 sectors differs from the host's"

for lba in 99 108 999 1300; do
	dd if="$disk" bs=512 skip=$lba count=1 status=none | cmp -s - <(head -c 512 /dev/zero) ||
		fail "sector $lba next to a written range is no longer zero"
done
