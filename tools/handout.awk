# handout.awk -v lab=NN: replaces each LAB NN region with its stub (see handout.sh).
function indent_of(s) { match(s, /^[ \t]*/); return substr(s, 1, RLENGTH) }
$0 ~ "/\\* LAB " lab " BEGIN" {
	task = $0
	sub(/.*BEGIN:? */, "", task)
	sub(/ *\*\/.*/, "", task)
	ind = indent_of($0)
	print ind "/* LAB " lab ": your code here (" task ") */"
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
