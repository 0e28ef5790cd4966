#!/usr/bin/env bash
# Disk errors (QEMU, blkdebug injects EIO at sector 500 on reads and sector 600
# on writes): the driver reports the status and error registers in one [ide]
# line, the command fails with one line, and the shell and disk keep working.
source "$(dirname "$0")/lib.sh"
copy_disk
cat > "$OUT/blkdebug.cfg" <<'CFG'
[inject-error]
event = "read_aio"
errno = "5"
sector = "500"

[inject-error]
event = "write_aio"
errno = "5"
sector = "600"
CFG
typed_script "$OUT/script" "disk read 500" "disk sum 480 40" "disk write 600 0x11" "disk write 595 0x22 10" \
	"disk write 601 0x33" "disk sum 601 1"
boot qemu build/devirt.iso "$OUT/script" 60 --disk "blkdebug:$TOP/$OUT/blkdebug.cfg:$TOP/$OUT/disk.img" ||
	fail "session failed; see $OUT/qemu/serial.log"
log=$OUT/qemu/serial.log
crc=$(head -c 512 /dev/zero | tr '\0' '\063' | build/tools/crc32sum)
expect_lines "$log" \
	"guestos> disk read 500" "[ide] read lba 500: device error, status 0x" "disk: read failed: EIO" \
	"guestos> disk sum 480 40" "[ide] read lba 500: device error, status 0x" "disk: read failed: EIO" \
	"guestos> disk write 600 0x11" "[ide] write lba 600: device error, status 0x" "disk: write failed: EIO" \
	"guestos> disk write 595 0x22 10" "[ide] write lba 600: device error, status 0x" "disk: write failed: EIO" \
	"guestos> disk write 601 0x33" "disk: wrote 1 sector at lba 601" \
	"guestos> disk sum 601 1" "disk: crc32 $crc over 1 sector at lba 601" \
	"guestos: power off" || exit 1
# The error line carries the ERR bit and the error register.
grep -Eq '^\[ide\] read lba 500: device error, status 0x[0-9a-f]*[13579bdf] error 0x[0-9a-f]{2}$' "$log" ||
	fail "the read error line does not show ERR and the error register"
