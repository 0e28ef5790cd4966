#!/usr/bin/env bash
# tests/run.sh [NAME...]: what `make test` runs. Builds, then runs every tests/*.sh
# (or only tests/NAME.sh for each NAME). One line per test, `ok NAME` or
# `FAIL NAME: reason`, then `N passed, M failed`. Exit status 0 only when nothing
# failed; an unknown NAME is an error before anything runs.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/tests
passed=0 failed=0

names=()
for n in "$@"; do
	n=${n%.sh}
	n=${n#tests/}
	if [ ! -f "tests/$n.sh" ] || [ "$n" = run ] || [ "$n" = lib ]; then
		echo "make test: there is no test '$n' (tests/$n.sh); nothing ran. Tests:" \
			"$(ls tests/*.sh | sed 's|tests/||; s|\.sh$||' | grep -vx 'run\|lib' | paste -sd' ')" >&2
		exit 2
	fi
	names+=("$n")
done

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
	[ ${#names[@]} -gt 0 ] && [[ " ${names[*]} " != *" $name "* ]] && continue
	bash "$t" >"build/tests/$name.log" 2>&1
	rc=$?
	why=$(grep -v '^\s*$' "build/tests/$name.log" | tail -n1)
	report "$name" $rc "${why:-exit status $rc and no output} (build/tests/$name.log)"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
