#!/usr/bin/env bash
# GDB on QEMU: stops at the guest OS's C entry point, reads its argument and a global
# variable, and resolves a hypervisor symbol at the hypervisor's link address.
source "$(dirname "$0")/lib.sh"
make -s build/guestos.elf build/hv.elf build/devirt.iso build/disk.img || fail "build failed"
port=$(( 30000 + ($$ % 20000) ))
script=$OUT/session.script
: > "$script"
tools/session.sh --emu qemu --iso build/devirt.iso --out "$OUT/qemu" --timeout 90 --script "$script" -- --gdb "$port" &
session=$!
sleep 1
timeout 60 tools/gdb.sh build/guestos.elf build/hv.elf "$port" -batch \
	-ex 'hbreak kmain' -ex 'continue' \
	-ex 'info symbol $pc' \
	-ex 'printf "magic=%#lx\n", magic' \
	-ex 'hbreak kprintf' -ex 'continue' \
	-ex 'printf "var=%#lx\n", kmain_boot_magic' \
	-ex 'info address hv_entry' \
	-ex 'kill' > "$OUT/gdb.log" 2>&1
wait $session
cat "$OUT/gdb.log"
grep -q '^kmain in section .text' "$OUT/gdb.log" || fail "GDB did not stop at kmain"
grep -q '^magic=0x36d76289$' "$OUT/gdb.log" || fail "kmain's magic argument is not the multiboot2 magic"
grep -q '^var=0x36d76289$' "$OUT/gdb.log" || fail "could not read kmain_boot_magic"
grep -q 'Symbol "hv_entry" is a function at address 0xffffffff80' "$OUT/gdb.log" || fail "hypervisor symbols not at HV_LINK_BASE"
