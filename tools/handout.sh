#!/usr/bin/env bash
# handout.sh LAB OUT: a copy of the tracked tree in OUT where every region of lab LAB,
#   /* LAB NN BEGIN: task */ ... /* LAB NN END */
# is replaced by "/* LAB NN: your code here (task) */" and the region's stub lines
#   /* LAB NN STUB: code */
# (uncommented). Regions of other labs keep their reference code.
set -euo pipefail
lab=${1:-}
out=${2:-}
[[ $lab =~ ^[0-9]+$ ]] || { echo "usage: make handout LAB=N [OUT=dir]" >&2; exit 2; }
lab=$(printf '%02d' "$((10#$lab))")
ls -d lab/"$lab"-* >/dev/null 2>&1 || { echo "handout: there is no lab $lab (see lab/)" >&2; exit 2; }
files=$(git ls-files | xargs grep -l "LAB $lab BEGIN" || true)
[ -n "$files" ] || { echo "handout: lab $lab has no marked regions" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
git ls-files -z | xargs -0 cp --parents -t "$out"
for f in $files; do
	awk -v lab="$lab" -f tools/handout.awk "$f" > "$out/$f"
done
echo "handout: lab $lab in $out ($(echo "$files" | wc -l) files with stubs)"
