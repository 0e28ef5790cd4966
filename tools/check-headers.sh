#!/usr/bin/env bash
# check-headers.sh: every header compiles on its own (style: "Headers stand alone").
set -uo pipefail
bad=0
for h in $(git ls-files '*.h'); do
	if ! echo "#include \"$h\"" | gcc -std=gnu11 -ffreestanding -Wall -Wextra -Werror -I. -fsyntax-only -x c - 2>/tmp/hdr.$$; then
		echo "header does not stand alone: $h"; cat /tmp/hdr.$$; bad=1
	fi
done
rm -f /tmp/hdr.$$
[ $bad -eq 0 ] && echo "headers: all $(git ls-files '*.h' | wc -l) stand alone"
exit $bad
