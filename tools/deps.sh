#!/usr/bin/env bash
# deps.sh: installs the Debian packages devirt needs when run as root;
# otherwise prints the exact apt-get line. Quiet when everything is there.
set -euo pipefail
packages=(gcc make binutils bochs bochsbios vgabios bochs-term qemu-system-x86 grub-pc-bin
	grub-common xorriso mtools gdb libcmocka-dev clang lld socat gnuplot-nox)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages; as root run:"
	echo "apt-get install -y ${missing[*]}"
	exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
