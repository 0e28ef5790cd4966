#!/usr/bin/env bash
# Every lab, as a course hands it out. The reference tree passes every lab's test
# (`make grade`: pass on every row, full marks). For each lab N, a fresh
# `make handout LAB=N` tree (lab N and every later lab stubbed; no build/, as a
# student gets it) must fail lab N's test at a stub, and must pass the test of the
# lab before N: with that lab done and the later ones still stubs, the flow stops
# cleanly at the first stub and the OS stays alive. No line of a stubbed region's
# reference code may appear anywhere in the tree. The single-lab handouts
# (ONLY=1) must build.
source "$(dirname "$0")/lib.sh"
problems=()
tools/grade.sh > "$OUT/grade.txt" 2>&1
cat "$OUT/grade.txt"
labs=($(ls -d lab/[0-9][0-9]-*/ | sed 's|lab/\([0-9]*\)-.*|\1|'))
[ "$(grep -cE ' pass$' "$OUT/grade.txt")" -eq ${#labs[@]} ] || problems+=("make grade: not every lab passes on the reference")
awk '$1 == "total" { split($2, p, "/"); if (p[1] != p[2] || p[2] == 0) exit 1 }' "$OUT/grade.txt" ||
	problems+=("make grade: the total is not full marks")

test_of() { sed -n 's/^Test: *`\{0,1\}\(tests\/[a-z0-9_]*\.sh\)`\{0,1\}.*/\1/p' lab/"$1"-*/README.md | head -n1; }

# leaks TREE LAB...: reference lines of the labs' regions (code of 24 characters or
# more) that appear in TREE outside the source files: a document, a test, a mutant
# or a build product that quotes the answer. A lab's own README may quote a line on
# purpose, as a hint. (Source files share generic lines such as loop headers; their
# regions are what handout.awk replaced.)
leaks() {
	local tree=$1 n line f
	shift
	for n in "$@"; do
		git ls-files | xargs grep -l "LAB $n BEGIN" | xargs awk -v lab="$n" '
			$0 ~ "LAB " lab " BEGIN" { on = 1; next }
			$0 ~ "LAB " lab " END" { on = 0 }
			on && $0 !~ "LAB " lab " STUB" { sub(/^[ \t]+/, ""); if (length($0) >= 24 && $0 !~ /^(\/\*|\*)/) print }' |
			sort -u | while IFS= read -r line; do
				grep -rlF --exclude-dir=.git --exclude='*.[chS]' -- "$line" "$tree" | while IFS= read -r f; do
					f=${f#"$tree"/}
					[[ $f == lab/$n-*/README.md ]] || echo "'$line' in $f"
				done
			done
	done
}

prev=""
for n in "${labs[@]}"; do
	tree=$TOP/$OUT/handout-$n
	test=$(test_of "$n")
	[ -n "$test" ] || { problems+=("lab $n: README has no Test: line"); continue; }
	tools/handout.sh "$n" "$tree" >/dev/null || { problems+=("lab $n: make handout failed"); continue; }
	stubbed=$(sed -n 's/^stubbed: *//p' "$tree/lab/handout.txt")
	leaked=$(leaks "$tree" $stubbed)
	[ -z "$leaked" ] || problems+=("handout $n leaks the answer: $(head -n1 <<<"$leaked")")
	# As a student would: the test builds what it boots.
	if (cd "$tree" && bash "$test" > "$TOP/$OUT/lab$n-on-handout-$n.log" 2>&1); then
		problems+=("lab $n: $test PASSES on its handout")
	else
		why=$(tail -n1 "$OUT/lab$n-on-handout-$n.log")
		if [[ $why == *"not implemented"* ]]; then
			echo "handout $n: lab $n fails at its stub, as it must ($why)"
		else
			problems+=("lab $n: $test fails on its handout, but not at a stub: $why")
		fi
	fi
	if [ -n "$prev" ]; then
		ptest=$(test_of "$prev")
		if (cd "$tree" && bash "$ptest" > "$TOP/$OUT/lab$prev-on-handout-$n.log" 2>&1); then
			echo "handout $n: lab $prev passes with labs $stubbed still to do ($(tail -n1 "$OUT/lab$prev-on-handout-$n.log"))"
		else
			problems+=("lab $prev: $ptest fails in handout $n (lab $prev done, $stubbed stubbed): $(tail -n1 "$OUT/lab$prev-on-handout-$n.log")")
		fi
	fi
	rm -rf "$tree"
	only=$TOP/$OUT/only-$n
	tools/handout.sh "$n" "$only" only >/dev/null &&
		(cd "$only" && make -s all > "$TOP/$OUT/only-$n-build.log" 2>&1) ||
		problems+=("lab $n: make handout LAB=$n ONLY=1 does not build ($OUT/only-$n-build.log)")
	rm -rf "$only"
	prev=$n
done
[ ${#problems[@]} -eq 0 ] || fail "$(printf '%s; ' "${problems[@]}")"
echo "labs: ${labs[*]}: each fails at its stub in its handout and passes in the next one"
