#!/usr/bin/env bash
# mkiso.sh OUT.iso CMDLINE GUESTOS.elf HV.bin: a GRUB multiboot2 rescue ISO.
set -euo pipefail
out=$1 cmdline=$2 kernel=$3 hv=$4
stage=$(mktemp -d "${out%.iso}.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/guestos.elf"
cp "$hv" "$stage/boot/hv.bin"
sed "s|@CMDLINE@|$cmdline|" boot/grub.cfg.in > "$stage/boot/grub/grub.cfg"
grub-mkrescue -o "$out.tmp" "$stage" >"$stage.log" 2>&1 || { cat "$stage.log" >&2; rm -f "$stage.log"; exit 1; }
rm -f "$stage.log"
mv "$out.tmp" "$out"
