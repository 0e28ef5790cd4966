#!/usr/bin/env bash
# grade.sh: runs every lab's test and prints a table: lab, points, result.
# A lab's test is the one its README names on its "Test:" line; its points
# come from the "Points:" line. A result is
#   pass
#   FAIL: why            the test's reason: the first failure line of the output
#   not yet: why         in a handout tree (lab/handout.txt lists the labs it has as
#                        stubs): a test that stopped at the stub of a stubbed lab, or
#                        a stubbed lab's test after a lab that does not pass yet
set -uo pipefail
cd "$(dirname "$0")/.."
stubbed=$(sed -n 's/^stubbed: *//p' lab/handout.txt 2>/dev/null)
mkdir -p build/grade
total=0 earned=0 blocked=""
printf '%-22s %6s  %s\n' lab points result
for readme in lab/*/README.md; do
	dir=$(dirname "$readme")
	name=$(basename "$dir")
	n=${name%%-*}
	test=$(sed -n 's/^Test: *`\{0,1\}\(tests\/[a-z0-9_]*\.sh\)`\{0,1\}.*/\1/p' "$readme" | head -n1)
	points=$(sed -n 's/^Points: *\([0-9]*\).*/\1/p' "$readme" | head -n1)
	points=${points:-0}
	total=$((total + points))
	log=build/grade/$name.log
	if [ -z "$test" ]; then
		echo "the README has no Test: line" > "$log"
	elif bash "$test" > "$log" 2>&1; then
		earned=$((earned + points))
		printf '%-22s %6s  %s\n' "$name" "$points" pass
		continue
	fi
	why=$(grep -v '^\s*$' "$log" | tail -n1)
	why=${why:-no output}
	# The stub it stopped at: "LAB NN: ... not implemented", or "lab NN is not implemented".
	at=$(grep -oiE 'lab [0-9]{2}(:| is not implemented)' <<<"$why" | head -n1 | grep -oE '[0-9]{2}')
	if { [ -n "$at" ] && [[ " $stubbed " == *" $at "* ]]; } || { [[ " $stubbed " == *" $n "* ]] && [ -n "$blocked" ]; }; then
		printf '%-22s %6s  %s\n' "$name" 0 "not yet: $why"
	else
		printf '%-22s %6s  %s\n' "$name" 0 "FAIL: $why"
	fi
	blocked=1
done
printf '%-22s %6s\n' total "$earned/$total"
