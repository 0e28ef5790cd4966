#!/usr/bin/env bash
# mutants.sh [LAB]: does each lab's test catch the plausible mistakes listed for it?
# A mutant is lab/NN-topic/mutants/NAME.patch: a one-line description, then a patch
# against the reference tree (git apply). A first line "# hardware-only: why" marks
# a mistake no emulator here can show; it is listed, not run, and not counted.
# Each mutant is applied in a scratch copy of the tracked tree, build/mutants/treeK
# (with a copy of build/, so make rebuilds only what the patch touched), built, and
# the lab's test (its README's Test: line) run there; then the files it touched are copied back.
# MUTANTS_JOBS copies (default 2) work at once, each on every MUTANTS_JOBS-th mutant.
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
jobs=${MUTANTS_JOBS:-2}
top=$PWD
scratch=build/mutants
mkdir -p "$scratch"
# git apply inside a scratch tree must not find this repository above it.
export GIT_CEILING_DIRECTORIES=$top/$scratch

make -s all >"$scratch/reference-build.log" 2>&1 || { echo "mutants: the reference tree does not build ($scratch/reference-build.log)"; exit 1; }

# The mutants to run, one "NN DIR TEST PATCH" line each, in order.
list=()
for dir in lab/[0-9][0-9]-*/; do
	dir=${dir%/}
	n=$(basename "$dir" | cut -d- -f1)
	[ -z "$want" ] || [ "$n" = "$want" ] || continue
	ls "$dir"/mutants/*.patch >/dev/null 2>&1 || continue
	test=$(sed -n 's/^Test: *`\{0,1\}\(tests\/[a-z0-9_]*\.sh\)`\{0,1\}.*/\1/p' "$dir/README.md" | head -n1)
	for patch in "$dir"/mutants/*.patch; do
		list+=("$n $dir $test $patch")
	done
done
rm -rf "$scratch/results"
mkdir -p "$scratch/results"

# one TREE N TEST PATCH: the verdict line of one mutant.
one() {
	local tree=$1 n=$2 test=$3 patch=$4 name first log
	name=$(basename "$patch" .patch)
	first=$(head -n1 "$patch")
	if [[ $first == "# hardware-only:"* ]]; then
		if ! (cd "$tree" && git apply --check "$top/$patch") 2>/dev/null; then
			echo "mutant lab=$n $name: BROKEN (does not apply)"
		else
			echo "mutant lab=$n $name: hardware-only (${first#\# hardware-only: })"
		fi
		return
	fi
	log=$top/$scratch/lab$n-$name.log
	if ! (cd "$tree" && git apply "$top/$patch") 2>"$log"; then
		echo "mutant lab=$n $name: BROKEN (does not apply: $(head -n1 "$log"))"
		return
	fi
	if ! (cd "$tree" && make -s all) >"$log" 2>&1; then
		echo "mutant lab=$n $name: BROKEN (does not build: $(grep -m1 -E 'error|Error' "$log"))"
	elif (cd "$tree" && bash "$test") >"$log" 2>&1; then
		echo "mutant lab=$n $name: MISSED (the test passed: $first)"
	else
		echo "mutant lab=$n $name: caught ($(grep -v '^\s*$' "$log" | tail -n1))"
	fi
	# Back to the reference: the files the patch touched, copied again. (Reverting
	# with git apply -R can land on a look-alike hunk elsewhere in the file.)
	local f
	for f in $(cd "$tree" && git apply --numstat "$top/$patch" | cut -f3); do
		cp "$top/$f" "$tree/$f"
	done
}

# worker K: a copy of the tree and the build, then every jobs-th mutant from the Kth.
worker() {
	local k=$1 tree=$scratch/tree$1 i p
	rm -rf "$tree"
	mkdir -p "$tree/build"
	git ls-files -z | xargs -0 cp --parents -t "$tree"
	# The reference build products, times kept: make in the copy rebuilds only what a patch changes.
	for p in build/*; do
		case ${p#build/} in mutants | tests | grade | run | run.* | trace | bench | bench.* | bochs | handout-*) continue ;; esac
		cp -a "$p" "$tree/build/"
	done
	for ((i = k; i < ${#list[@]}; i += jobs)); do
		set -- ${list[$i]}
		one "$tree" "$1" "$3" "$4" > "$scratch/results/$(printf '%04d' "$i")"
	done
}

for ((k = 0; k < jobs; k++)); do
	worker "$k" &
done
wait

bad=0 last="" caught=0 total=0 hw=0
summary() {
	[ -n "$last" ] || return 0
	local hwnote=""
	[ $hw -eq 0 ] || hwnote=" hardware-only=$hw"
	echo "mutants lab=$last caught=$caught total=$total$hwnote"
}
for ((i = 0; i < ${#list[@]}; i++)); do
	set -- ${list[$i]}
	if [ "$1" != "$last" ]; then
		summary
		last=$1 caught=0 total=0 hw=0
	fi
	line=$(cat "$scratch/results/$(printf '%04d' "$i")" 2>/dev/null)
	[ -n "$line" ] || line="mutant lab=$1 $(basename "$4" .patch): BROKEN (no verdict)"
	echo "$line"
	case $line in
	*": caught ("*) caught=$((caught + 1)) total=$((total + 1)) ;;
	*": hardware-only ("*) hw=$((hw + 1)) ;;
	*": MISSED ("*) total=$((total + 1)) bad=1 ;;
	*) bad=1 ;;
	esac
done
summary
exit $bad
