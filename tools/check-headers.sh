#!/usr/bin/env bash
# check-headers.sh: every header compiles on its own (style: "Headers stand alone"),
# and one that guards its C with __ASSEMBLY__ also preprocesses and assembles
# as a .S file includes it. Lists the headers with find, not git: a handout
# tree (tools/handout.sh) has no .git.
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
bad=0
headers=$(find boot guestos hv kernel lab tests tools -name '*.h' 2>/dev/null | sort)
for h in $headers; do
	if ! echo "#include \"$h\"" | gcc -std=gnu11 -ffreestanding -Wall -Wextra -Werror -I. -fsyntax-only -x c - 2>"$tmp"; then
		echo "header does not stand alone: $h"; cat "$tmp"; bad=1
	fi
	grep -q __ASSEMBLY__ "$h" || continue
	if ! echo "#include \"$h\"" | gcc -D__ASSEMBLY__ -I. -c -o /dev/null -x assembler-with-cpp - 2>"$tmp"; then
		echo "header does not assemble with __ASSEMBLY__: $h"; cat "$tmp"; bad=1
	fi
done
[ $bad -eq 0 ] && echo "headers: all $(echo "$headers" | wc -w) stand alone"
exit $bad
