#!/usr/bin/env bash
# Every lab, both ways. The reference tree passes every lab's test: `make grade`'s
# table must say pass on every row and give full marks. The handout of lab N
# (make handout LAB=N) must build and must FAIL lab N's test. A lab whose test
# passes its own handout, or whose handout does not build, is broken.
source "$(dirname "$0")/lib.sh"
problems=()
tools/grade.sh > "$OUT/grade.txt" 2>&1
cat "$OUT/grade.txt"
labs=$(ls -d lab/*/ | wc -l)
[ "$(grep -cE ' pass$' "$OUT/grade.txt")" -eq "$labs" ] || problems+=("make grade: not every lab passes on the reference")
awk '$1 == "total" { split($2, p, "/"); if (p[1] != p[2] || p[2] == 0) exit 1 }' "$OUT/grade.txt" ||
	problems+=("make grade: the total is not full marks")
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
	rm -rf "$tree"
done
[ ${#problems[@]} -eq 0 ] || fail "${problems[*]}"
