#!/usr/bin/env bash
# `make bochs-debug`: Bochs' debugger on standard input, both images' symbols loaded,
# the serial console on a pseudo-terminal. Driven by tools/bochs-debug-session.sh:
# with BREAK=vmx_exit_cpuid it must stop in the hypervisor's CPUID handler when the
# interposed OS runs `cpuid 1`, name it, resolve the OS's symbols too, take typed
# commands and go on; an unknown BREAK name is refused.
source "$(dirname "$0")/lib.sh"
build all
cat > "$OUT/script" <<'S'
console guestos> 
send hv load
console guestos> 
send hv on
console hv: on: interposed
console guestos> 
send cpuid 1
expect Breakpoint 1,
expect (vmx_exit_cpuid+0)
dbg info symbols "kmain"
expect : kmain
dbg r
expect rip: ffffffff_8
dbg c
console cpuid 1.0:
S
tools/bochs-debug-session.sh --out "$OUT" --timeout 60 "$OUT/script" vmx_exit_cpuid 2>"$OUT/session.err" ||
	fail "$(tail -n1 "$OUT/session.err") (see $OUT/debugger.log)"
! grep -q 'Could not open symbol file\|syntax error' "$OUT/debugger.log" || fail "ldsym: $(grep -m1 'Could not open symbol file\|syntax error' "$OUT/debugger.log")"
addr=$(awk '$3 == "vmx_exit_cpuid" { print $1 }' build/hv.sym)
grep -q "Breakpoint 1, 0x$addr in" "$OUT/debugger.log" || fail "the breakpoint is not at vmx_exit_cpuid's address $addr"
make -s bochs-debug BREAK=no_such_function </dev/null >"$OUT/unknown.log" 2>&1 && fail "make bochs-debug BREAK=no_such_function did not fail"
grep -q "no function 'no_such_function'" "$OUT/unknown.log" || fail "an unknown BREAK name: $(tail -n1 "$OUT/unknown.log")"
echo "bochs-debug: stopped at vmx_exit_cpuid ($addr) with both images' symbols, took typed commands, went on"
