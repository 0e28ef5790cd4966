#!/usr/bin/env bash
# For every lab: the handout tree (make handout LAB=N) must FAIL the lab's test,
# and the reference tree must pass it. A lab whose test passes its own handout, or
# whose handout does not build, is broken.
source "$(dirname "$0")/lib.sh"
problems=()
for readme in lab/*/README.md; do
	dir=$(dirname "$readme")
	n=$(basename "$dir" | cut -d- -f1)
	test=$(sed -n 's/^Test: *`\{0,1\}\(tests\/[a-z0-9_]*\.sh\)`\{0,1\}.*/\1/p' "$readme" | head -n1)
	[ -n "$test" ] || { problems+=("lab $n: README has no Test: line"); continue; }
	tree=$TOP/$OUT/handout-$n
	tools/handout.sh "$n" "$tree" >/dev/null || { problems+=("lab $n: make handout failed"); continue; }
	if ! (cd "$tree" && make -s all >"$TOP/$OUT/lab$n-handout-build.log" 2>&1); then
		problems+=("lab $n: the handout does not build (stubs must compile; $OUT/lab$n-handout-build.log)")
		continue
	fi
	if (cd "$tree" && bash "$test" >"$TOP/$OUT/lab$n-handout.log" 2>&1); then
		problems+=("lab $n: $test PASSES on the handout")
	else
		echo "lab $n: handout fails its test, as it must ($(tail -n1 "$OUT/lab$n-handout.log"))"
	fi
	if bash "$test" >"$OUT/lab$n-reference.log" 2>&1; then
		echo "lab $n: reference passes $test"
	else
		problems+=("lab $n: reference FAILS $test")
	fi
	rm -rf "$tree"
done
[ ${#problems[@]} -eq 0 ] || fail "${problems[*]}"
