#!/usr/bin/env bash
# tests/run.sh [NAME]: what `make test` runs. Builds, then runs every tests/*.sh
# (or only tests/NAME.sh). One line per test, `ok NAME` or `FAIL NAME: reason`,
# then `N passed, M failed`. Exit status 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/tests
passed=0 failed=0

report() {
	if [ "$2" -eq 0 ]; then
		echo "ok $1"
		passed=$((passed + 1))
	else
		echo "FAIL $1: $3"
		failed=$((failed + 1))
	fi
}

if make -s all >build/tests/build.log 2>&1; then
	report build 0
else
	report build 1 "$(grep -m1 -E 'error|Error' build/tests/build.log) (build/tests/build.log)"
fi

for t in tests/*.sh; do
	name=$(basename "$t" .sh)
	case $name in run | lib) continue ;; esac
	[ -n "${1:-}" ] && [ "$name" != "$1" ] && continue
	bash "$t" >"build/tests/$name.log" 2>&1
	rc=$?
	report "$name" $rc "$(grep -v '^\s*$' "build/tests/$name.log" | tail -n1) (build/tests/$name.log)"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
