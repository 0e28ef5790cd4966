#!/usr/bin/env bash
# mkiso.sh OUT.iso CMDLINE GUESTOS.elf HV.bin [NAME=FILE...]: a GRUB multiboot2
# rescue ISO. Each NAME=FILE becomes one more module, /boot/NAME.bin with the
# command line NAME, after the hypervisor's (for `hv load NAME`).
set -euo pipefail
out=$1 cmdline=$2 kernel=$3 hv=$4
shift 4
stage=$(mktemp -d "${out%.iso}.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/guestos.elf"
cp "$hv" "$stage/boot/hv.bin"
extra=""
for m in "$@"; do
	name=${m%%=*} file=${m#*=}
	cp "$file" "$stage/boot/$name.bin"
	extra+="	module2 /boot/$name.bin $name"$'\n'
done
sed "s|@CMDLINE@|$cmdline|" boot/grub.cfg.in |
	awk -v extra="$extra" '{ print } /module2 \/boot\/hv.bin hv/ && extra != "" { printf "%s", extra }' \
		> "$stage/boot/grub/grub.cfg"
grub-mkrescue -o "$out.tmp" "$stage" >"$stage.log" 2>&1 || { cat "$stage.log" >&2; rm -f "$stage.log"; exit 1; }
rm -f "$stage.log"
mv "$out.tmp" "$out"
