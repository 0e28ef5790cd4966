# handout.awk -v labs="NN NN ...": replaces each region of those labs with its stub (see handout.sh).
function indent_of(s) { match(s, /^[ \t]*/); return substr(s, 1, RLENGTH) }
BEGIN { n = split(labs, l, " "); for (i = 1; i <= n; i++) stub[l[i]] = 1 }
!inside && match($0, /\/\* LAB [0-9][0-9] BEGIN/) && (substr($0, RSTART + 7, 2) in stub) {
	lab = substr($0, RSTART + 7, 2)
	task = $0
	sub(/.*BEGIN:? */, "", task)
	sub(/ *\*\/.*/, "", task)
	print indent_of($0) "/* LAB " lab ": your code here (" task ") */"
	inside = 1
	next
}
inside && $0 ~ "/\\* LAB " lab " STUB:" {
	code = $0
	sub(/.*STUB: */, "", code)
	sub(/ *\*\/ *$/, "", code)
	print indent_of($0) code
	next
}
inside && $0 ~ "/\\* LAB " lab " END" { inside = 0; next }
inside { next }
{ print }
