#!/usr/bin/env bash
# The isolation suite in Bochs: under shadow paging every attack on the
# hypervisor's memory and VMX is blocked, the hypervisor's checksum of its
# image is unchanged and the OS stays up, and so under EPT; peek and poke
# report faults by name. Under `hv on none` the same suite shows what gets
# through (the image is written: the checksum changes). Unload gives every
# page back.
source "$(dirname "$0")/lib.sh"
typed_script "$OUT/script" \
	"mem" "attack" "peek 0" "hv load" "hv on" \
	"peek 0x100000" "peek 0xffffffff80000000" "poke 0xffffffff80000038 1" "attack all" \
	"run ctxsw 50" "hv status" "hv off" \
	"hv on ept" "attack all" "hv status" "hv off" \
	"hv on none" "attack all" "hv status" "hv off" "hv unload" "mem"
boot bochs build/devirt.iso "$OUT/script" 300 || fail "session failed: see $OUT/bochs/serial.log"
log=$OUT/bochs/serial.log
expect_lines "$log" "attack read-window" "attack hc-buffer-window" "peek 0: #PF err=0x0 cr2=0" \
	"hv: on: interposed in" "peek 100000: " "peek ffffffff80000000: #PF err=0x9 cr2=ffffffff80000000" \
	"poke ffffffff80000038: #PF err=0xb" \
	"attack read-window: blocked (#PF" "attack write-high: blocked (#PF" "attack exec-high: blocked (#PF err=0x19)" \
	"attack cr3-in-block: blocked (#GP" "attack vmxon: blocked (#UD" "attack hc-buffer-high: blocked (HC_STATS EFAULT)" \
	"attack user-vmxon: blocked (#UD in ring 3)" "attack user-vmcall: blocked (#UD in ring 3)" \
	"attack: 22 attacks, 22 blocked, hypervisor checksum" "workload ctxsw: ok n=50 result=100" "hv: memory shadow:" \
	"hv: off: native again in" "attack table-in-block: blocked (#PF err=0x9)" "hv: memory ept:" \
	"hv: off: native again in" "attack read-window: THROUGH (read 5648545249564544)" "attack write-high: THROUGH" \
	"(CHANGED), OS alive" "hv: memory none:" "hv: unloaded, free pages" || fail "unexpected output in $log"
(( $(grep -c "attack: \([0-9]*\) attacks, \1 blocked, hypervisor checksum \([0-9a-f]*\) -> \2 (unchanged), OS alive" "$log") == 2 )) ||
	fail "under shadow paging or EPT an attack got through or the image changed"
(( $(grep -c "^attack user-.*: blocked" "$log") == 21 )) || fail "a ring-3 attack was not blocked (7 each under shadow, EPT and none)"
grep -q "^attack .*: THROUGH" "$log" || fail "under hv on none nothing got through: the suite cannot tell"
free=$(awk '/^mem: / { print $2 }' "$log")
[ "$(echo "$free" | sed -n 1p)" = "$(echo "$free" | sed -n 2p)" ] || fail "free pages differ after unload: $free"
