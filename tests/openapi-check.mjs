// openapi-check.mjs - docs/openapi.yaml checked three ways: an independent
// OpenAPI 3.1 validator accepts it; every route of src/api.c's table is in
// it and every path in it is served; and real answers of a daemon started
// here (the built-in catalog, an admin token) have a status, Content-Type,
// headers and, for JSON, a body that its response schemas allow (Ajv's
// 2020-12 build).  Each path and method is asked with the document's
// examples, again with If-None-Match, with a method it does not answer,
// and with the error cases below.  Prints TAP.
// Usage: node openapi-check.mjs SUNSET OPENAPI_YAML API_C TMPDIR
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { done_testing, ok } from "./tap.mjs";

const addFormats = addFormatsModule.default ?? addFormatsModule;
const [sunset, docPath, apiC, tmp] = process.argv.slice(2);
const DEADLINE_MS = 60000;
const TOKEN = "openapi-test-token";
const ROOT = "urn:sunset:openapi";

// --- The document, by an independent validator. ---
const text = readFileSync(docPath, "utf-8");
const doc = parse(text);
const checked = await new Validator().validate(doc);
ok(checked.valid, "an OpenAPI 3.1 validator accepts docs/openapi.yaml",
    checked.errors);
ok(doc.openapi === "3.1.0", "the document is OpenAPI 3.1.0", doc.openapi);

// Refs of the document point into it; Ajv sees its schemas as $defs of
// one root schema.
function rewrite(v) {
	if (Array.isArray(v))
		return v.map(rewrite);
	if (v === null || typeof v !== "object")
		return v;
	const o = {};
	for (const [k, x] of Object.entries(v))
		o[k] = k === "$ref" && typeof x === "string" &&
		    x.startsWith("#/components/schemas/") ?
		    ROOT + "#/$defs/" + x.slice("#/components/schemas/".length) :
		    rewrite(x);
	return o;
}
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addSchema({ $id: ROOT, $defs: rewrite(doc.components?.schemas ?? {}) });
const compiled = new Map();
function validator(schema) {
	const key = JSON.stringify(schema);
	if (!compiled.has(key))
		compiled.set(key, ajv.compile(rewrite(schema)));
	return compiled.get(key);
}
ok(Object.keys(doc.components?.schemas ?? {}).every((s) => {
	validator({ $ref: `#/components/schemas/${s}` });
	return true;
}), "Ajv 2020-12 compiles every schema in components/schemas");

function resolve(o) {
	while (o?.$ref !== undefined)
		o = o.$ref.slice(2).split("/").reduce((a, k) => a?.[k], doc);
	return o;
}

// --- Drift: the route table and the document's paths. ---
const table = readFileSync(apiC, "utf-8").match(
    /routes\[API_NROUTES\] = \{([\s\S]*?)\n\};/)?.[1] ?? "";
const routes = [...table.matchAll(/\{\s*"([^"]+)",\s*([01]),\s*([01]),/g)]
    .map((m) => ({ path: m[1], prefix: m[2] === "1", post: m[3] === "1" }));
const paths = Object.keys(doc.paths);
ok(routes.length > 0, "src/api.c's route table is read", table.slice(0, 200));
// The route that serves a documented path, as the daemon picks it.
function routeOf(p) {
	return routes.find((r) => r.prefix ?
	    p.startsWith(r.path) && p.length > r.path.length &&
	    p[r.path.length] === "{" : p === r.path);
}
for (const r of routes) {
	const served = paths.filter((p) => routeOf(p) === r);
	const method = r.post ? "post" : "get";
	ok(served.length > 0 && served.every((p) => doc.paths[p][method]),
	    `route ${r.path} is in the document with ${method.toUpperCase()}`,
	    served);
}
for (const p of paths) {
	const r = routeOf(p);
	const methods = Object.keys(doc.paths[p]).filter((k) =>
	    ["get", "put", "post", "delete", "options", "head", "patch",
	    "trace"].includes(k));
	ok(r !== undefined && methods.length === 1 &&
	    methods[0] === (r.post ? "post" : "get"),
	    `documented ${p} is a route of src/api.c, with its method`,
	    { route: r, methods });
}

// --- A daemon to ask. ---
const conf = join(tmp, "sunset.conf"), token = join(tmp, "admin.token");
const portFile = join(tmp, "port");
writeFileSync(token, TOKEN + "\n", { mode: 0o600 });
// An alert whose receiver, on loopback, refuses: its events stay in the
// outbox, pending, for GET /v1/alerts to show.
writeFileSync(conf, `listen = 127.0.0.1:0\ndatabase = ${join(tmp, "db")}\n` +
    `admin_token_file = ${token}\n\n[alert openapi]\n` +
    "url = http://127.0.0.1:9/hook\nformat = text\nonly_used = no\n" +
    "providers = openai\n");
const log = [];
const daemon = spawn(sunset, ["serve", "-c", conf, "--port-file", portFile],
    { stdio: ["ignore", "pipe", "pipe"] });
daemon.stdout.on("data", (d) => log.push(String(d)));
daemon.stderr.on("data", (d) => log.push(String(d)));
let exited = false;
daemon.on("exit", () => { exited = true; });
process.on("exit", () => { if (!exited) daemon.kill("SIGKILL"); });
// A request that fails outright ends the test: say why, with the daemon's
// last words, where the TAP log keeps them.
function died(e) {
	const lines = [String(e?.stack ?? e), e?.cause ? `cause: ${e.cause}` : "",
	    "the daemon's log ends:", ...log.join("").split("\n").slice(-40)];
	console.log(lines.join("\n").split("\n").filter((l) => l !== "")
	    .map((l) => `# ${l}`).join("\n"));
	process.exit(1);
}
process.on("uncaughtException", died);
process.on("unhandledRejection", died);

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
let base = null;
for (const end = Date.now() + DEADLINE_MS; Date.now() < end && !exited;) {
	if (base === null && existsSync(portFile))
		base = `http://127.0.0.1:${readFileSync(portFile, "utf-8").trim()}`;
	if (base !== null) {
		const r = await fetch(base + "/readyz").catch(() => null);
		if (r?.status === 200)
			break;
	}
	await pause(50);
}
const ready = base !== null &&
    (await fetch(base + "/readyz").catch(() => null))?.status === 200;
if (!ok(ready, "the daemon serves and has its catalog", log.join("")))
	done_testing();

// --- Answers against the document. ---
function mediaBase(t) {
	return (t ?? "").split(";")[0].trim().toLowerCase();
}

async function ask(method, url, { headers = {}, body } = {}) {
	for (let attempt = 1; ; attempt++) {
		try {
			const r = await fetch(base + url, { method, headers, body,
			    redirect: "manual" });
			const buf = await r.text();
			return { status: r.status, headers: r.headers, text: buf };
		} catch (e) {
			// Validating a large answer can hold node's event loop
			// longer than the daemon keeps an idle connection (15 s
			// on a loaded machine): the next request then meets a
			// socket the daemon already closed, before it is sent.
			// Once more, on a new connection.
			if (attempt === 1 && e?.cause?.code === "UND_ERR_SOCKET")
				continue;
			throw e;
		}
	}
}

// Checks one answer against operation op of path p: its status is listed,
// its Content-Type is one listed for it, its headers and JSON body are
// what the schemas allow.  want, when given, is the status expected.
function check(p, method, op, what, a, want) {
	const name = `${method.toUpperCase()} ${what}`;
	ok(!(a.status === 404 && a.text.includes("no such endpoint")),
	    `${name}: served, not "no such endpoint"`, a.text.slice(0, 300));
	if (want !== undefined)
		ok(a.status === want, `${name}: answers ${want}`,
		    { status: a.status, body: a.text.slice(0, 300) });
	const res = resolve(op.responses[String(a.status)]);
	if (!ok(res !== undefined, `${name}: status ${a.status} is documented`,
	    { documented: Object.keys(op.responses), body: a.text.slice(0, 300) }))
		return;
	const problems = [];
	for (const [h, spec] of Object.entries(res.headers ?? {})) {
		const hs = resolve(spec), v = a.headers.get(h);
		if (v === null) {
			if (hs.required)
				problems.push(`${h} missing`);
		} else if (hs.schema && !validator(hs.schema)(v))
			problems.push(`${h}: ${v} is not ${JSON.stringify(hs.schema)}`);
	}
	ok(problems.length === 0, `${name}: ${a.status} headers as documented`,
	    problems);
	const type = a.headers.get("content-type");
	if (res.content === undefined) {
		ok(a.text === "" && type === null,
		    `${name}: ${a.status} has no body, as documented`,
		    { type, body: a.text.slice(0, 200) });
		return;
	}
	const key = Object.keys(res.content).find((k) =>
	    mediaBase(k) === mediaBase(type));
	if (!ok(key !== undefined, `${name}: ${a.status} Content-Type ${type} is documented`,
	    Object.keys(res.content)))
		return;
	const schema = res.content[key].schema;
	if (!/^application\/(.+\+)?json$/.test(mediaBase(key))) {
		ok(schema?.type === "string" && a.text.length > 0,
		    `${name}: ${a.status} ${mediaBase(key)} text, as documented`);
		return;
	}
	let body;
	try {
		body = JSON.parse(a.text);
	} catch (e) {
		ok(false, `${name}: ${a.status} body is JSON`, a.text.slice(0, 300));
		return;
	}
	const v = validator(schema);
	ok(v(body), `${name}: ${a.status} body matches its schema`,
	    { errors: v.errors?.slice(0, 5), body: a.text.slice(0, 500) });
}

// The request an operation's examples make.
function example(p, op) {
	let url = p;
	const query = new URLSearchParams();
	for (const prm of (op.parameters ?? []).map(resolve)) {
		if (prm.example === undefined)
			continue;
		if (prm.in === "path")
			url = url.replace(`{${prm.name}}`,
			    encodeURIComponent(prm.example));
		else if (prm.in === "query")
			query.set(prm.name, String(prm.example));
	}
	const headers = {};
	if (op.security?.length > 0)
		headers.Authorization = `Bearer ${TOKEN}`;
	let body;
	const content = op.requestBody?.content;
	if (content !== undefined) {
		const [type, media] = Object.entries(content)
		    .find(([, m]) => m.example !== undefined);
		headers["Content-Type"] = type;
		body = typeof media.example === "string" ? media.example :
		    JSON.stringify(media.example);
	}
	const q = query.toString();
	return { url: q ? `${url}?${q}` : url, headers, body };
}

for (const p of paths) {
	for (const [method, op] of Object.entries(doc.paths[p])) {
		const req = example(p, op);
		const a = await ask(method.toUpperCase(), req.url, req);
		check(p, method, op, req.url, a);
		ok(a.status >= 200 && a.status < 300,
		    `${method.toUpperCase()} ${req.url}: the examples make a success`,
		    { status: a.status, body: a.text.slice(0, 300) });
		const etag = a.headers.get("etag");
		if (method === "get" && a.status === 200 && ok(etag !== null,
		    `GET ${req.url}: 200 carries an ETag`)) {
			// /metrics counts this very request: a changed answer
			// is a 200 with a new tag.
			const again = await ask("GET", req.url,
			    { headers: { "If-None-Match": etag } });
			check(p, method, op, `${req.url} (If-None-Match)`, again);
			ok(again.status === 304 || (again.status === 200 &&
			    again.headers.get("etag") !== etag),
			    `GET ${req.url}: its current ETag gets a 304`,
			    again.status);
		}
		const other = method === "get" ? "POST" : "GET";
		const wrong = await ask(other, req.url);
		check(p, method, op, `${req.url} (by ${other})`, wrong, 405);
		ok(wrong.headers.get("allow") ===
		    (method === "get" ? "GET, HEAD" : "POST"),
		    `${other} ${req.url}: Allow names ${method.toUpperCase()}`,
		    wrong.headers.get("allow"));
	}
}

// Error answers, each against the operation of its path.
const long = "x".repeat(300);
const json = { "Content-Type": "application/json" };
const cases = [
	["/v1/models/{id}", "get", "/v1/models/no-such-model-here", {}, 404],
	["/v1/models/{id}", "get", "/v1/models/gpt-4-0613?at=2026-02-30", {}, 400],
	["/v1/models/{id}", "get", `/v1/models/${long}`, {}, 400],
	["/v1/models/{id}", "get", "/v1/models/gpt%zz", {}, 400],
	["/v1/deprecations", "get", "/v1/deprecations?limit=1001", {}, 400],
	["/v1/deprecations", "get", "/v1/deprecations?status=gone", {}, 400],
	["/v1/deprecations", "get", "/v1/deprecations?sort=age", {}, 400],
	["/v1/providers", "get", "/v1/providers?at=yesterday", {}, 400],
	["/v1/changes", "get", "/v1/changes?since=soon", {}, 400],
	["/v1/changes.atom", "get", "/v1/changes.atom?limit=-1", {}, 400],
	["/v1/changes.json", "get", "/v1/changes.json?limit=x", {}, 400],
	["/v1/sync", "post", "/v1/sync", {}, 401],
	["/v1/sync", "post", "/v1/sync",
	    { headers: { Authorization: "Bearer not-the-token" } }, 403],
	["/v1/sync", "post", "/v1/sync?feed=no-such-feed",
	    { headers: { Authorization: `Bearer ${TOKEN}` } }, 404],
	["/v1/inventory", "post", "/v1/inventory",
	    { headers: json, body: '{"label": "x", "models": []}' }, 401],
	["/v1/inventory", "post", "/v1/inventory", { headers: { ...json,
	    Authorization: `Bearer ${TOKEN}` },
	    body: '{"label": "-bad", "models": []}' }, 400],
	["/v1/usage", "get", "/v1/usage?days=0", {}, 400],
	["/", "get", "/?used=2", {}, 400],
	["/v1/query", "post", "/v1/query", { headers: json, body: "[1" }, 400],
	["/v1/query", "post", "/v1/query",
	    { headers: json, body: '{"models": [1]}' }, 400],
	["/v1/query", "post", "/v1/query",
	    { headers: { "Content-Type": "text/xml" }, body: "<a/>" }, 415],
	["/v1/query", "post", "/v1/query", { headers: json, body:
	    JSON.stringify({ models: Array(1001).fill("gpt-4") }) }, 413],
	["/v1/explain", "post", "/v1/explain",
	    { headers: json, body: '{"error": "bad \\u0001 byte"}' }, 400],
	["/v1/explain", "post", "/v1/explain",
	    { headers: { "Content-Type": "text/plain" },
	    body: "model gpt-4-0613 not found" }, 200],
	["/v1/calendar/{id}.ics", "get", "/v1/calendar/no-such-model-here.ics",
	    {}, 404],
	["/v1/calendar.ics", "get", "/v1/calendar.ics?at=2026-13-01", {}, 400],
	["/v1/badge/{id}.json", "get", "/v1/badge/no-such-model-here.json",
	    {}, 200],
	["/v1/badge/{id}.json", "get", `/v1/badge/${long}.json`, {}, 400],
	["/models/{id}", "get", "/models/no-such-model-here", {}, 404],
	["/models/{id}", "get", "/models/gpt-4-0613?at=soon", {}, 400],
	["/", "get", "/?status=active", {}, 400],
	["/", "get", "/?page=0", {}, 400],
];
for (const [p, method, url, opts, want] of cases) {
	const a = await ask(method.toUpperCase(), url, opts);
	check(p, method, doc.paths[p][method], url, a, want);
}

daemon.kill("SIGTERM");
const code = exited ? daemon.exitCode :
    await new Promise((r) => daemon.on("exit", (c) => r(c)));
ok(code === 0, "the daemon exits 0 on SIGTERM", { code, log: log.join("") });
done_testing();
