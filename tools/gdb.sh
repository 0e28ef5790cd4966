#!/usr/bin/env bash
# gdb.sh GUESTOS.elf HV.elf PORT [gdb options...]: GDB attached to `make qemu-gdb`.
set -euo pipefail
guestos=$1 hv=$2 port=$3
shift 3
init=$(dirname "$guestos")/gdbinit
sed -e "s|@GUESTOS@|$guestos|" -e "s|@HV@|$hv|" -e "s|@PORT@|$port|" tools/gdbinit.in > "$init"
exec gdb -q -x "$init" "$@"
