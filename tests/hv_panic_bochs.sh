#!/usr/bin/env bash
# A guest the hypervisor cannot continue (here a triple fault: `hv crash`
# loads an empty IDT and executes UD2) ends in hv_panic: the reason by name,
# the guest state, the last exits, then a power-off with a failure status,
# never a hang.
source "$(dirname "$0")/lib.sh"
cat > "$OUT/script" <<'S'
expect guestos> 
send hv crash
expect guestos> 
send hv load
expect guestos> 
send hv on
expect guestos> 
send cpuid 0x40000000
expect guestos> 
send hv crash
expect [hv] PANIC: guest triple fault
S
POWER=fail boot bochs build/devirt.iso "$OUT/script" 120
log=$OUT/bochs/serial.log
expect_lines "$log" "hv: crash needs the hypervisor on" "hv: on: interposed" \
	"hv: crash: empty IDT, then #UD: the guest triple-faults" "[hv] PANIC: guest triple fault at rip " \
	"[vmx] exit reason = 2" "[vmx] guest rip = " "[vmx] guest cr3 = " "[hv] last " \
	"triple fault (2) detail=0 rip=" || fail "no complete panic report in $log"
grep -q 'Shutdown port: shutdown requested' "$OUT/bochs/bochs/bochs.log" || fail "Bochs was not powered off"
! grep -q 'guestos> ' <(sed -n '/PANIC/,$p' "$log") || fail "the shell came back after the panic"
