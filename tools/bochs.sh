#!/usr/bin/env bash
# bochs.sh: boots the devirt ISO in Bochs 2.7, the machine with VMX.
#   --iso PATH          the ISO (default build/devirt.iso)
#   --disk PATH         IDE primary master (default build/disk.img)
#   --serial-port P     COM1 connects to a TCP listener on 127.0.0.1:P (the test harness)
#   --interactive       COM1 on this terminal (through socat)
#   --debugger PTY      Bochs' debugger on this terminal, typed live (after the --rc
#                       commands); COM1 on the pseudo-terminal PTY (a symlink socat
#                       makes), for `socat -,rawer,escape=0x1d PTY` in another terminal
#   --dir DIR           where bochsrc, dbg.rc and bochs.log go (default build/bochs)
#   --trace             CPU debug report in bochs.log: every VM entry and exit (make trace)
#   --rc FILE           debugger commands to run first, instead of a single "c"
# BOCHS_CPU picks the CPU model (default corei7_haswell_4770).
# Without --interactive or --debugger the script execs Bochs, so its pid is Bochs'.
set -euo pipefail
BOCHS_CPU=${BOCHS_CPU:-corei7_haswell_4770}
iso=build/devirt.iso disk=build/disk.img port="" interactive="" dir=build/bochs trace="" rc="" pty=""
while [ $# -gt 0 ]; do
	case $1 in
	--iso) iso=$2; shift ;;
	--disk) disk=$2; shift ;;
	--serial-port) port=$2; shift ;;
	--interactive) interactive=1 ;;
	--debugger) pty=$2; shift ;;
	--dir) dir=$2; shift ;;
	--trace) trace=1 ;;
	--rc) rc=$2; shift ;;
	*) echo "bochs.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
mkdir -p "$dir"
if [ -n "$interactive" ]; then
	# Bochs connects to us; we bridge that connection to this terminal.
	port=$(( 20000 + RANDOM % 30000 ))
	# Raw mode only on a real terminal (the guest echoes); a pipe is passed as it is.
	stdio=-
	[ -t 0 ] && stdio=-,raw,echo=0
	# <&0: a background command would otherwise read /dev/null (no job control in scripts).
	socat "$stdio" "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" <&0 &
	bridge=$!
	trap 'kill $bridge 2>/dev/null; true' EXIT
	sleep 0.3
	echo "bochs.sh: serial console on this terminal; poweroff to quit (log: $dir/bochs.log)" >&2
fi
if [ -n "$pty" ]; then
	# Bochs connects to us; we bridge that connection to a pseudo-terminal. What the OS
	# prints waits there (a few KiB) until someone attaches.
	port=$(( 20000 + RANDOM % 30000 ))
	rm -f "$pty"
	socat "PTY,link=$pty,rawer" "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" </dev/null &
	bridge=$!
	trap 'kill $bridge 2>/dev/null; rm -f "$pty"; true' EXIT
	sleep 0.3
fi
[ -n "$port" ] || { echo "bochs.sh: give --serial-port, --interactive or --debugger" >&2; exit 2; }
# Bochs locks each disk image with IMAGE.lock and leaves the file behind when it is
# killed; a lock that no running process backs is stale, and would stop this run.
if [ -e "$disk.lock" ]; then
	abs=$(readlink -f "$disk")
	inuse=""
	for fd in /proc/[0-9]*/fd/*; do
		[ "$(readlink "$fd" 2>/dev/null)" = "$abs" ] && { inuse=1; break; }
	done
	[ -n "$inuse" ] || rm -f "$disk.lock"
fi
debug_line="debug: action=ignore"
[ -n "$trace" ] && debug_line="debug: action=ignore, cpu0=report"
# The debugger owns the terminal: no sound device to complain about on it.
sound_line=""
[ -n "$pty" ] && sound_line="sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy"
cat > "$dir/bochsrc" <<RC
megs: 128
cpu: model=$BOCHS_CPU, count=1, ips=50000000, reset_on_triple_fault=0, ignore_bad_msrs=0
clock: sync=none, time0=946684800
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/bochs/VGABIOS-lgpl-latest
display_library: term
ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14
ata0-master: type=disk, path=$disk, mode=flat, cylinders=32, heads=16, spt=63
ata1: enabled=1, ioaddr1=0x170, ioaddr2=0x370, irq=15
ata1-master: type=cdrom, path=$iso, status=inserted
boot: cdrom
com1: enabled=1, mode=socket-client, dev=127.0.0.1:$port
port_e9_hack: enabled=1
magic_break: enabled=1
log: $dir/bochs.log
panic: action=fatal
error: action=report
info: action=ignore
$debug_line
$sound_line
RC
[ -n "$rc" ] && cp "$rc" "$dir/dbg.rc" || echo c > "$dir/dbg.rc"
if [ -n "$pty" ]; then
	# With the debugger, Bochs' term display draws the VGA screen on a pseudo-terminal of
	# its own ("Bochs connected to screen ..."): this one is the debugger's alone.
	TERM=dumb bochs -q -f "$dir/bochsrc" -rc "$dir/dbg.rc" || true
elif [ -n "$interactive" ]; then
	TERM=dumb bochs -q -f "$dir/bochsrc" -rc "$dir/dbg.rc" </dev/null >"$dir/stdout.log" 2>&1 || true
else
	TERM=dumb exec bochs -q -f "$dir/bochsrc" -rc "$dir/dbg.rc" </dev/null
fi
