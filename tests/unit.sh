#!/usr/bin/env bash
# Host unit tests: every tests/unit/test_*.c, built with cmocka, ASan and UBSan.
# A test file names the sources it needs on its first lines: /* SOURCES: a.c b.c */
# House style, as in the code: the return type on its own line, every case named test_*.
# kernel/string.c is special: its functions share libc's names, so it is linked
# with its symbols renamed to k_* (objcopy --redefine-syms) and tests call k_memcpy etc.
source "$(dirname "$0")/lib.sh"
CFLAGS=(-std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1

# kernel/string.o with k_ names
cc "${CFLAGS[@]}" -fno-builtin -c kernel/string.c -o "$OUT/string.o" || fail "kernel/string.c does not compile on the host"
for f in memcpy memmove memset memcmp strlen strcmp strncmp strlcpy parse_u64; do
	echo "$f k_$f"
done > "$OUT/string.syms"
objcopy --redefine-syms="$OUT/string.syms" "$OUT/string.o" "$OUT/kstring.o"

failed=()
for t in tests/unit/test_*.c; do
	name=$(basename "$t" .c)
	srcs=$(sed -n 's|.*SOURCES:\(.*\)\*/.*|\1|p' "$t" | head -n1)
	objs=()
	for s in $srcs; do
		[ "$s" = kernel/string.c ] && objs+=("$OUT/kstring.o") || objs+=("$s")
	done
	if ! cc "${CFLAGS[@]}" "${objs[@]}" "$t" -lcmocka -o "$OUT/$name" 2>"$OUT/$name.build.log"; then
		echo "FAIL $name: does not build"; cat "$OUT/$name.build.log"
		failed+=("$name")
		continue
	fi
	if "$OUT/$name" >"$OUT/$name.log" 2>&1; then
		echo "ok $name ($(grep -c '\[       OK \]' "$OUT/$name.log") cases)"
	else
		echo "FAIL $name"; cat "$OUT/$name.log"
		failed+=("$name")
	fi
done
[ ${#failed[@]} -eq 0 ] || fail "unit tests failed: ${failed[*]}"
