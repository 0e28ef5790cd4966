#!/usr/bin/awk -f
# Compares the `diff` runs and `state` listings of one serial log
# (tests/differential_bochs.sh, tests/differential_qemu.sh).
#   runs=N   how many `diff` runs the log must hold (default 3)
#   native=LIST  space-separated run numbers that ran natively (default "1 3");
#            the others ran interposed. An operation marked "(by design: ...)"
#            may differ between a native and an interposed run, never between
#            two of the same kind; every other operation must agree everywhere.
# Every `state` listing must equal the first one. Exit status 0 when all hold.
BEGIN {
	if (runs == "") runs = 3
	if (native == "") native = "1 3"
	n = split(native, nl, " ")
	for (i = 1; i <= n; i++) is_native[nl[i]] = 1
	run = 0; st = 0
}
/^guestos> diff( safe)? *$/ { run++; where = "diff"; next }
/^guestos> state *$/ { st++; where = "state"; next }
/^guestos> / { where = ""; next }
where == "diff" && /^diff [^ ]+: / {
	name = $2; sub(/:$/, "", name)
	out = $0; sub(/^diff [^ ]+: /, "", out)
	design = (out ~ / \(by design: .*\)$/)
	sub(/ \(by design: .*\)$/, "", out)
	if (run == 1) { order[++ops] = name; by_design[name] = design }
	value[run, name] = out
	next
}
where == "diff" && /^diff: [0-9]+ operations/ { count[run] = $2; next }
where == "state" && /^state [a-z_0-9]+=/ {
	kv = $2; k = kv; sub(/=.*/, "", k)
	if (st == 1) { skeys[++nkeys] = k }
	sval[st, k] = kv
	next
}
END {
	bad = 0
	if (run != runs) { print "differential: " run " diff runs, want " runs; exit 1 }
	for (r = 1; r <= runs; r++)
		if (count[r] != ops) { print "differential: run " r " printed " count[r] " of " ops " operations"; bad = 1 }
	if (ops < 60) { print "differential: only " ops " operations, want at least 60"; bad = 1 }
	designed = 0
	for (i = 1; i <= ops; i++) {
		name = order[i]
		for (r = 2; r <= runs; r++) {
			if (!((r, name) in value)) { print "differential: " name " missing in run " r; bad = 1; continue }
			same_kind = (is_native[r] == is_native[1])
			if (value[r, name] != value[1, name] && (same_kind || !by_design[name])) {
				print "differential: " name ": run 1 " value[1, name] ", run " r " " value[r, name]
				bad = 1
			}
			if (value[r, name] != value[1, name] && by_design[name] && !same_kind)
				seen[name] = value[1, name] " natively, " value[r, name] " interposed"
		}
	}
	for (name in seen) { print "differential: by design: " name ": " seen[name]; designed++ }
	for (s = 2; s <= st; s++)
		for (i = 1; i <= nkeys; i++)
			if (sval[s, skeys[i]] != sval[1, skeys[i]]) {
				print "differential: state listing " s ": " sval[s, skeys[i]] ", first listing " sval[1, skeys[i]]
				bad = 1
			}
	if (bad) exit 1
	print "differential: ok " ops " operations in " runs " runs, " designed " differ by design, " st " state listings equal (" nkeys " entries)"
}
