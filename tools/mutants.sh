#!/usr/bin/env bash
# mutants.sh [LAB]: does each lab's test catch the plausible mistakes listed for it?
# A mutant is lab/NN-topic/mutants/NAME.patch: a one-line description, then a patch
# against the reference tree (git apply). A first line "# hardware-only: why" marks
# a mistake no emulator here can show; it is listed, not run, and not counted.
# Each mutant is applied in one scratch copy of the tracked tree, build/mutants/tree
# (with a copy of build/, so make rebuilds only what the patch touched), built, and
# the lab's test (its README's Test: line) run there; then the patch is taken out.
# One line per mutant, then one per lab:
#   mutant lab=NN NAME: caught (the test's reason)
#   mutant lab=NN NAME: MISSED (the test passed: description)
#   mutant lab=NN NAME: BROKEN (does not apply / does not build)
#   mutant lab=NN NAME: hardware-only (why)
#   mutants lab=NN caught=C total=T [hardware-only=H]
# T counts the mutants that were run. Exit status 0 when every one was caught.
set -uo pipefail
cd "$(dirname "$0")/.."
want=${1:-}
[ -z "$want" ] || want=$(printf '%02d' "$((10#$want))")
top=$PWD
scratch=build/mutants
tree=$scratch/tree
mkdir -p "$scratch"
bad=0
# git apply inside the scratch tree must not find this repository above it.
export GIT_CEILING_DIRECTORIES=$top/$scratch

make -s all >"$scratch/reference-build.log" 2>&1 || { echo "mutants: the reference tree does not build ($scratch/reference-build.log)"; exit 1; }
rm -rf "$tree"
mkdir -p "$tree/build"
git ls-files -z | xargs -0 cp --parents -t "$tree"
# The reference build products, times kept: make in the copy rebuilds only what a patch changes.
for p in build/*; do
	case ${p#build/} in mutants | tests | grade | run | run.* | trace | bench | bench.* | bochs | handout-*) continue ;; esac
	cp -a "$p" "$tree/build/"
done

for dir in lab/[0-9][0-9]-*/; do
	dir=${dir%/}
	n=$(basename "$dir" | cut -d- -f1)
	[ -z "$want" ] || [ "$n" = "$want" ] || continue
	ls "$dir"/mutants/*.patch >/dev/null 2>&1 || continue
	test=$(sed -n 's/^Test: *`\{0,1\}\(tests\/[a-z0-9_]*\.sh\)`\{0,1\}.*/\1/p' "$dir/README.md" | head -n1)
	caught=0 total=0 hw=0
	for patch in "$dir"/mutants/*.patch; do
		name=$(basename "$patch" .patch)
		first=$(head -n1 "$patch")
		if [[ $first == "# hardware-only:"* ]]; then
			if ! (cd "$tree" && git apply --check "$top/$patch") 2>/dev/null; then
				echo "mutant lab=$n $name: BROKEN (does not apply)"
				bad=1
				continue
			fi
			echo "mutant lab=$n $name: hardware-only (${first#\# hardware-only: })"
			hw=$((hw + 1))
			continue
		fi
		total=$((total + 1))
		log=$top/$scratch/lab$n-$name.log
		if ! (cd "$tree" && git apply "$top/$patch") 2>"$log"; then
			echo "mutant lab=$n $name: BROKEN (does not apply: $(head -n1 "$log"))"
			bad=1
			continue
		fi
		if ! (cd "$tree" && make -s all) >"$log" 2>&1; then
			echo "mutant lab=$n $name: BROKEN (does not build: $(grep -m1 -E 'error|Error' "$log"))"
			bad=1
		elif (cd "$tree" && bash "$test") >"$log" 2>&1; then
			echo "mutant lab=$n $name: MISSED (the test passed: $first)"
			bad=1
		else
			caught=$((caught + 1))
			echo "mutant lab=$n $name: caught ($(grep -v '^\s*$' "$log" | tail -n1))"
		fi
		(cd "$tree" && git apply -R "$top/$patch") || { echo "mutants: cannot take $patch out again" >&2; exit 1; }
	done
	hwnote=""
	[ $hw -eq 0 ] || hwnote=" hardware-only=$hw"
	echo "mutants lab=$n caught=$caught total=$total$hwnote"
done
exit $bad
