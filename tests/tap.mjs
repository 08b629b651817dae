// tap.mjs - TAP output for the node test clients: ok() prints one
// result (with detail, as a comment, on failure) and done_testing() the
// plan, then exits 1 when anything failed.  The .test script copies it
// beside the client, which imports it as "./tap.mjs".
let n = 0, failed = 0;

export function ok(cond, name, detail) {
	n++;
	console.log(`${cond ? "ok" : "not ok"} ${n} - ${name}`);
	if (!cond) {
		failed++;
		if (detail !== undefined)
			console.log("#   " + JSON.stringify(detail).slice(0, 1500));
	}
	return cond;
}

export function done_testing() {
	console.log(`1..${n}`);
	process.exit(failed ? 1 : 0);
}
