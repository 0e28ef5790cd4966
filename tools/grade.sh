#!/usr/bin/env bash
# grade.sh: runs every lab's test and prints a table: lab, points, result.
# A lab's test is the one its README names on its "Test:" line; its points
# come from the "Points:" line.
set -uo pipefail
total=0 earned=0
printf '%-22s %6s  %s\n' lab points result
for readme in lab/*/README.md; do
	dir=$(dirname "$readme")
	test=$(sed -n 's/^Test: *`\{0,1\}\(tests\/[a-z0-9_]*\.sh\)`\{0,1\}.*/\1/p' "$readme" | head -n1)
	points=$(sed -n 's/^Points: *\([0-9]*\).*/\1/p' "$readme" | head -n1)
	points=${points:-0}
	total=$((total + points))
	if [ -n "$test" ] && bash "$test" >/dev/null 2>&1; then
		earned=$((earned + points))
		printf '%-22s %6s  %s\n' "$(basename "$dir")" "$points" pass
	else
		printf '%-22s %6s  %s\n' "$(basename "$dir")" 0 "FAIL"
	fi
done
printf '%-22s %6s\n' total "$earned/$total"
