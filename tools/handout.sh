#!/usr/bin/env bash
# handout.sh LAB OUT [only]: a student tree in OUT, made from the tracked files.
# Every region of lab LAB and of every later lab,
#   /* LAB NN BEGIN: task */ ... /* LAB NN END */
# is replaced by "/* LAB NN: your code here (task) */" and the region's stub lines
#   /* LAB NN STUB: code */
# (uncommented): earlier labs are complete, LAB and the ones after it are to do,
# as in a course. With "only", just lab LAB's regions are stubbed.
# The tree records its stubbed labs in lab/handout.txt (tools/grade.sh reads it)
# and ships no mutants (lab/NN-*/mutants: small breakages of the reference code)
# of the labs it stubs.
set -euo pipefail
lab=${1:-}
out=${2:-}
only=${3:-}
[[ $lab =~ ^[0-9]+$ ]] && [ -n "$out" ] || { echo "usage: make handout LAB=N [OUT=dir] [ONLY=1]" >&2; exit 2; }
lab=$(printf '%02d' "$((10#$lab))")
ls -d lab/"$lab"-* >/dev/null 2>&1 || { echo "handout: there is no lab $lab (see lab/)" >&2; exit 2; }
# The labs with marked regions, in order.
all=$(git ls-files | xargs grep -ho 'LAB [0-9][0-9] BEGIN' | awk '{ print $2 }' | sort -u)
grep -qx "$lab" <<<"$all" || { echo "handout: lab $lab has no marked regions" >&2; exit 1; }
if [ -n "$only" ]; then
	labs=$lab
else
	labs=$(awk -v n="$lab" '$1 + 0 >= n + 0' <<<"$all")
fi
labs=$(echo $labs)
files=$(git ls-files | xargs grep -lE "LAB (${labs// /|}) BEGIN")
rm -rf "$out"
mkdir -p "$out"
git ls-files -z | xargs -0 cp --parents -t "$out"
for f in $files; do
	awk -v labs="$labs" -f tools/handout.awk "$f" > "$out/$f"
done
for n in $labs; do
	rm -rf "$out"/lab/"$n"-*/mutants
done
cat > "$out/lab/handout.txt" <<TXT
# make handout LAB=$lab${only:+ ONLY=1} (tools/handout.sh): the labs this tree has as stubs.
# make grade reads it: the test of a stubbed lab that stops at a stub says "not yet".
stubbed: $labs
TXT
echo "handout: labs $labs stubbed in $out ($(echo "$files" | wc -l) files with stubs)"
