#!/usr/bin/env bash
# GDB on QEMU: stops at the guest OS's C entry point, reads its argument and a global
# variable; then, with the hypervisor's symbols at its link address, stops at the
# hypervisor's entry when `hv on` is typed, and reads the launch block it was given.
source "$(dirname "$0")/lib.sh"
make -s build/guestos.elf build/hv.elf build/devirt.iso build/disk.img || fail "build failed"
port=$(( 30000 + ($$ % 20000) ))
script=$OUT/session.script
printf '%s\n' "expect guestos> " "send hv load" "expect hv: loaded" "expect guestos> " "send hv on" > "$script"
copy_disk
tools/session.sh --emu qemu --iso build/devirt.iso --out "$OUT/qemu" --timeout 90 --script "$script" -- \
	--gdb "$port" --disk "$OUT/disk.img" 2>"$OUT/session.err" &
session=$!
sleep 1
timeout 80 tools/gdb.sh build/guestos.elf build/hv.elf "$port" -batch \
	-ex 'hbreak kmain' -ex 'continue' \
	-ex 'info symbol $pc' \
	-ex 'printf "magic=%#lx\n", magic' \
	-ex 'hbreak kprintf' -ex 'continue' \
	-ex 'printf "var=%#lx\n", kmain_boot_magic' \
	-ex 'delete' -ex 'hbreak hv_entry' -ex 'continue' \
	-ex 'info symbol $pc' \
	-ex 'printf "abi=%u base=%#lx\n", l->abi_version, l->phys_base' \
	-ex 'kill' > "$OUT/gdb.log" 2>&1
wait $session
cat "$OUT/gdb.log"
grep -q '^kmain in section .text' "$OUT/gdb.log" || fail "GDB did not stop at kmain"
grep -q '^magic=0x36d76289$' "$OUT/gdb.log" || fail "kmain's magic argument is not the multiboot2 magic"
grep -q '^var=0x36d76289$' "$OUT/gdb.log" || fail "could not read kmain_boot_magic"
grep -q '^hv_entry in section .text' "$OUT/gdb.log" || fail "GDB did not stop at the hypervisor's entry after hv on"
grep -Eq '^abi=2 base=0x[0-9a-f]+$' "$OUT/gdb.log" || fail "could not read the launch block at hv_entry"
