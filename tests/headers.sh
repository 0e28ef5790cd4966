#!/usr/bin/env bash
# Every header compiles on its own; no Python file is tracked (the harness is bash/awk).
source "$(dirname "$0")/lib.sh"
tools/check-headers.sh || fail "a header does not stand alone"
py=$(git ls-files '*.py')
[ -z "$py" ] || fail "Python files are tracked: $py"
