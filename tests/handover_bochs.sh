#!/usr/bin/env bash
# Disk hand-over in the middle of a command, in Bochs (docs/devices.md,
# "Seeding and exporting" and "Ownership"), produced with single `io` port
# accesses under `hv on`:
# 1. `hv emulate on ide` while the real disk holds a READ SECTORS sector
#    (DRQ): the owner is `waiting`, the OS's accesses reach the real disk
#    whole (the sector read through the hypervisor is the image's), and the
#    hypervisor takes the disk at the exit that empties the sector, not
#    before; the next command is the model's. The same with WRITE SECTORS
#    waiting for its data: the words written through land on the image.
# 2. `hv emulate off` (and `hv off`) while the model is in a data phase, of a
#    two-sector read and of a two-sector write: refused with EBUSY and a
#    line that says why, nothing changes (the UART stays emulated too), the
#    shell goes on; once the transfer is finished `hv emulate off` works and
#    the data read and written are the image's.
source "$(dirname "$0")/lib.sh"
# command LBA COUNT OPCODE: the `io` lines that issue an LBA28 command to device 0.
command() {
	printf '%s\n' "io outb 0x1f6 0xe0" "io outb 0x1f2 $2" "io outb 0x1f3 $(($1 & 255))" \
		"io outb 0x1f4 $(($1 >> 8 & 255))" "io outb 0x1f5 0" "io outb 0x1f7 $3"
}
mapfile -t read700 < <(command 700 1 0x20)
mapfile -t read701 < <(command 701 1 0x20)
mapfile -t write710 < <(command 710 1 0x30)
mapfile -t read710 < <(command 710 1 0x20)
mapfile -t read702 < <(command 702 2 0x20)
mapfile -t write720 < <(command 720 2 0x30)
refused="hv: emulate off failed: EBUSY: the disk is in a command's data phase; still emulated"
off_refused="hv: off failed: EBUSY: the disk is in a command's data phase; still on"
KNOWN_FAILURES=("$refused" "$off_refused")
build build/devirt.iso build/disk.img build/tools/crc32sum
typed_script "$OUT/script" "hv load" "hv on" \
	"${read700[@]}" "io inb 0x3f6" "hv emulate on ide" "hv status" "io insw 0x1f0 200" "hv status" \
	"io insw 0x1f0 56" "hv status" "io inb 0x1f7" "${read701[@]}" "io insw 0x1f0 256" "hv status" \
	"hv emulate off ide" "${write710[@]}" "io inb 0x3f6" "hv emulate on ide" "io outsw 0x1f0 256 0x5a3c" "hv status" \
	"${read710[@]}" "io insw 0x1f0 256" \
	"hv emulate on" "${read702[@]}" "io insw 0x1f0 256" "hv emulate off" "hv status" "io insw 0x1f0 256" \
	"io inb 0x1f7" "hv emulate off" \
	"hv emulate on ide" "${write720[@]}" "io outsw 0x1f0 256 0x1111" "hv emulate off" "hv off" "hv status" \
	"io outsw 0x1f0 256 0x2222" "io inb 0x1f7" "hv emulate off" "disk sum 720 2" "hv off"
copy_disk
# Sectors 700-703 whose bytes change from one to the next and from sector to sector.
for i in $(seq 0 2047); do printf "\\$(printf '%03o' $(( (i * 29 + i / 512 * 7 + 3) % 256 )))"; done |
	dd of="$OUT/disk.img" bs=512 seek=700 conv=notrunc status=none
# crc32 LBA SKIP BYTES: the image's bytes, as `io insw` prints their crc32.
crc32() { dd if="$OUT/disk.img" bs=512 skip="$1" count=4 status=none | tail -c +$(($2 + 1)) | head -c "$3" | build/tools/crc32sum | sed 's/^0x//'; }
c700a=$(crc32 700 0 400) c700b=$(crc32 700 400 112) c701=$(crc32 701 0 512) c702=$(crc32 702 0 512) c703=$(crc32 703 0 512)
boot bochs build/devirt.iso "$OUT/script" 400 --disk "$OUT/disk.img" || fail "session failed: see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
# A handout with lab 12 still to do stops at its stub in the last hv off (the
# refused one is refused before it); anything up to lab 11 missing fails.
later_stub "$log" 11
off="hv: off: native again in"
[ -n "$STOP" ] && off="hv: off failed: ENOSYS"
c710=$(for i in $(seq 256); do printf '\x3c\x5a'; done | build/tools/crc32sum | sed 's/^0x//')
c720=$({ for i in $(seq 256); do printf '\x11\x11'; done; for i in $(seq 256); do printf '\x22\x22'; done; } | build/tools/crc32sum)
# The words read before the take-over are not the model's: the first hv status
# after it counts no sector; the next command (701) is the model's first.
expect_lines "$log" "hv: on: interposed in" "hv: emulate: uart owner=os, ide owner=waiting" \
	"hv: ide owner=waiting mode=native" "io: insw 0x1f0 200 -> crc32 $c700a" "hv: ide owner=waiting mode=native" \
	"io: insw 0x1f0 56 -> crc32 $c700b" "hv: ide owner=hypervisor mode=emulated" \
	"io: insw 0x1f0 256 -> crc32 $c701" "hv: ide owner=hypervisor mode=emulated port_exits=" \
	"hv: emulate: uart owner=os, ide owner=os" "hv: emulate: uart owner=os, ide owner=waiting" \
	"io: outsw 0x1f0 256 <- 0x5a3c" "hv: ide owner=hypervisor mode=emulated" "io: insw 0x1f0 256 -> crc32 $c710" \
	"hv: emulate: uart owner=hypervisor, ide owner=hypervisor" "io: insw 0x1f0 256 -> crc32 $c702" "$refused" \
	"hv: uart owner=hypervisor mode=emulated" "hv: ide owner=hypervisor mode=emulated" \
	"io: insw 0x1f0 256 -> crc32 $c703" "hv: emulate: uart owner=os, ide owner=os" \
	"hv: emulate: uart owner=os, ide owner=hypervisor" "io: outsw 0x1f0 256 <- 0x1111" "$refused" "$off_refused" \
	"KiB, on" "hv: ide owner=hypervisor mode=emulated" "io: outsw 0x1f0 256 <- 0x2222" \
	"hv: emulate: uart owner=os, ide owner=os" "disk: crc32 $c720 over 2 sectors at lba 720" \
	"$off" "guestos: power off" || fail "unexpected output in $log"
# Each `hv status` of the first part, by owner and sectors moved through the model.
got=$(awk '/^hv: ide owner=/ { split($3, o, "="); split($6, s, "="); printf "%s/%s ", o[2], s[2] }' "$log" | cut -d' ' -f1-5)
[ "$got" = "waiting/0 waiting/0 hypervisor/0 hypervisor/1 hypervisor/1" ] ||
	fail "ide owner/sectors at each hv status: '$got', want 'waiting/0 waiting/0 hypervisor/0 hypervisor/1 hypervisor/1'"
# Before each hand-over the real disk holds DRQ (0x58); after each finished
# command the status shows neither BSY nor DRQ. Bit 1 (IDX) toggles in Bochs.
[ "$(grep -cE '^io: inb 0x3f6 -> 0x5[8a]$' "$log")" = 2 ] || fail "the disk did not hold DRQ before hv emulate on: $(grep '^io: inb 0x3f6' "$log" | paste -sd,)"
bad=$(grep -E '^io: inb 0x1f7 -> ' "$log" | grep -vE -- '-> 0x5[02]$')
[ -z "$bad" ] || fail "a status after a finished command: $bad"
host=$(dd if="$OUT/disk.img" bs=512 skip=710 count=1 status=none | build/tools/crc32sum | sed 's/^0x//')
[ "$host" = "$c710" ] || fail "disk image lba 710 (written while waiting): crc32 $host, want $c710"
host=$(dd if="$OUT/disk.img" bs=512 skip=720 count=2 status=none | build/tools/crc32sum)
[ "$host" = "$c720" ] || fail "disk image lba 720-721 (written across a refused hv emulate off): crc32 $host, want $c720"
