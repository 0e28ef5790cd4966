#!/usr/bin/env bash
# kernel/ is linked as a library (Makefile GUESTOS_LIB, HV_LIB): each image
# carries only the members it uses. The OS-only parts (multiboot2 parsing, the
# kernel command line, the byte ring of the line discipline) must stay out of
# the hypervisor image, and must still be in the OS image, so the check cannot
# pass by the symbols being renamed away.
source "$(dirname "$0")/lib.sh"
make -s build/hv.elf build/guestos.elf >"$OUT/build.log" 2>&1 || fail "build failed ($OUT/build.log)"
nm build/hv.elf >"$OUT/hv.sym" && nm build/guestos.elf >"$OUT/guestos.sym" || fail "nm failed"
for part in multiboot2 cmdline ring; do
	syms=$(nm --defined-only "build/guestos-obj/kernel/$part.c.o" | awk '$2 ~ /^[TDBR]$/ { print $3 }')
	[ -n "$syms" ] || fail "kernel/$part.c defines no global symbols"
	for s in $syms; do
		grep -qw "$s" "$OUT/guestos.sym" || fail "guestos.elf lacks $s (kernel/$part.c)"
		! grep -qw "$s" "$OUT/hv.sym" || fail "hv.elf carries OS-only $s (kernel/$part.c)"
	done
	echo "ok kernel/$part.c: $(echo $syms) in guestos.elf only"
done
