#!/usr/bin/env bash
# `make run EMU=kvm` on a machine without /dev/kvm: a clear refusal and
# `run: FAIL`, not a silent fall-back to TCG (which has no VMX). KVM_DEV
# points tools/qemu.sh at a device that does not exist.
source "$(dirname "$0")/lib.sh"
KVM_DEV=/nonexistent/kvm EMU=kvm tools/run-demo.sh build/devirt-demo.iso > "$OUT/report.txt" 2>&1
status=$?
cat "$OUT/report.txt"
[ $status -ne 0 ] || fail "run-demo.sh EMU=kvm succeeded without /dev/kvm"
expect_lines "$OUT/report.txt" "run: refused: KVM not available: /nonexistent/kvm is missing" "run: FAIL" \
	|| fail "no clear refusal: see $OUT/report.txt"
grep -q "^run: QEMU with KVM" "$OUT/report.txt" && fail "an emulator was started anyway"
KVM_DEV=/nonexistent/kvm EMU=nosuch tools/run-demo.sh build/devirt-demo.iso > "$OUT/unknown.txt" 2>&1 \
	&& fail "run-demo.sh EMU=nosuch succeeded"
grep -q "^run: EMU=nosuch unknown" "$OUT/unknown.txt" || fail "an unknown EMU is not refused: see $OUT/unknown.txt"
exit 0
