// webhook-verify.mjs - verifies requests sunset's alerts sent with the
// Standard Webhooks reference library (npm standardwebhooks).  Reads a
// JSON file {"secret": "whsec_...", "requests": [{"headers": {...},
// "body": base64}]}; prints "verified N" when every request verifies,
// then "tampered refused N" when every one with one byte of its body
// changed is refused.  Exits 1 on the first surprise.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Webhook } = require("standardwebhooks");

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const wh = new Webhook(cases.secret);
let verified = 0, refused = 0;
for (const r of cases.requests) {
	const body = Buffer.from(r.body, "base64").toString("utf8");
	try {
		wh.verify(body, r.headers);
		verified++;
	} catch (e) {
		console.log(`not verified: ${r.headers["webhook-id"]}: ${e}`);
		process.exit(1);
	}
	const tampered = body.replace(/"model":"/, '"model":"x');
	try {
		wh.verify(tampered === body ? body + " " : tampered, r.headers);
		console.log(`tampered body verified: ${r.headers["webhook-id"]}`);
		process.exit(1);
	} catch (e) {
		refused++;
	}
}
console.log(`verified ${verified}`);
console.log(`tampered refused ${refused}`);
