#!/usr/bin/env bash
# mkdisk.sh OUT: the IDE disk both emulators attach as primary master.
# 32 cylinders x 16 heads x 63 sectors (15.75 MiB): the geometry tools/bochs.sh declares.
set -euo pipefail
out=$1
mkdir -p "$(dirname "$out")"
dd if=/dev/zero of="$out.tmp" bs=512 count=$((32 * 16 * 63)) status=none
mv "$out.tmp" "$out"
