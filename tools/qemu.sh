#!/usr/bin/env bash
# qemu.sh: boots the devirt ISO in QEMU (TCG: no VMX here, see docs/emulators.md).
#   --iso PATH           the ISO (default build/devirt.iso)
#   --disk PATH          IDE primary master (default build/disk.img; "none": no disk)
#   --serial-port P      COM1 connects to a TCP listener on 127.0.0.1:P (the test harness)
#   --interactive        COM1 on this terminal's stdin/stdout
#   --gdb PORT           wait for GDB on localhost:PORT before the first instruction
#   --icount             -icount shift=0: exact, repeatable TSC differences
#   --kvm                KVM with the host CPU (-accel kvm -cpu host): VMX only with
#                        nested VMX on an Intel host; refused when /dev/kvm is missing
#   --check              with --kvm: only check that KVM can run, then exit 0 or 3
#   --debugcon FILE      port 0xE9 output (the debug console Bochs copies to its output) into FILE
# The script execs QEMU, so its pid is QEMU's: the harness kills only that pid.
set -euo pipefail
iso=build/devirt.iso disk=build/disk.img serial="" gdb="" icount="" kvm="" check="" debugcon=""
while [ $# -gt 0 ]; do
	case $1 in
	--iso) iso=$2; shift ;;
	--disk) disk=$2; shift ;;
	--serial-port) serial="tcp:127.0.0.1:$2"; shift ;;
	--interactive) serial="mon:stdio" ;;
	--gdb) gdb=$2; shift ;;
	--icount) icount=1 ;;
	--kvm) kvm=1 ;;
	--check) check=1 ;;
	--debugcon) debugcon=$2; shift ;;
	*) echo "qemu.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
# KVM: refuse plainly rather than fall back to TCG, which has no VMX.
if [ -n "$kvm" ]; then
	kvm_dev=${KVM_DEV:-/dev/kvm}	# tests point it elsewhere to see the refusal
	if [ ! -e "$kvm_dev" ]; then
		echo "qemu.sh: KVM not available: $kvm_dev is missing (no KVM module, or a VM without nested virtualization)" >&2
		exit 3
	fi
	if [ ! -r "$kvm_dev" ] || [ ! -w "$kvm_dev" ]; then
		echo "qemu.sh: KVM not available: no read-write access to $kvm_dev (join the kvm group)" >&2
		exit 3
	fi
	nested=/sys/module/kvm_intel/parameters/nested
	if [ -r $nested ] && ! grep -qE '^(Y|1)$' $nested; then
		echo "qemu.sh: warning: kvm_intel nested=$(cat $nested): the guest gets no VMX and hv on is refused" >&2
	fi
	[ -z "$check" ] || exit 0
fi
[ -n "$serial" ] || { echo "qemu.sh: give --serial-port or --interactive" >&2; exit 2; }
cpu=(-cpu max)
[ -n "$kvm" ] && cpu=(-accel kvm -cpu host)
args=(-machine pc "${cpu[@]}" -m 128 -display none -no-reboot
	-cdrom "$iso" -boot d
	-serial "$serial"
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)
[ "$disk" = none ] || args+=(-drive "file=$disk,format=raw,if=ide,index=0,media=disk")
[ -n "$gdb" ] && args+=(-gdb "tcp:127.0.0.1:$gdb" -S)
[ -n "$icount" ] && args+=(-icount shift=0)
[ -n "$debugcon" ] && args+=(-debugcon "file:$debugcon")
[ "$serial" = "mon:stdio" ] && echo "qemu.sh: serial console on this terminal; Ctrl-A x quits" >&2
exec qemu-system-x86_64 "${args[@]}"
