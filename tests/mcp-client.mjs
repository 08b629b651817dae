// mcp-client.mjs - the official TypeScript SDK's client against
// `sunset mcp`: lists the tools and calls each one.  Prints TAP.
// Usage: node mcp-client.mjs SUNSET DB
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from
    "@modelcontextprotocol/sdk/client/stdio.js";
import { done_testing, ok } from "./tap.mjs";

const [sunset, db] = process.argv.slice(2);

function text(r) {
	return r.content?.[0]?.type === "text" ? r.content[0].text : "";
}

const transport = new StdioClientTransport({
	command: sunset,
	args: ["mcp", "--db", db, "--at", "2026-05-08"],
	stderr: "inherit",
});
const client = new Client({ name: "sunset-test", version: "1.0.0" });
try {
	await client.connect(transport);
	ok(client.getServerVersion()?.name === "sunset",
	    "the SDK connects and reads serverInfo", client.getServerVersion());
	ok(client.getServerCapabilities()?.tools !== undefined,
	    "the server states the tools capability");
	await client.ping();
	ok(true, "ping");

	const { tools } = await client.listTools();
	const names = tools.map((t) => t.name).sort();
	ok(JSON.stringify(names) === JSON.stringify(["check_model",
	    "explain_error", "find_replacement", "list_retiring",
	    "recent_changes"]), "listTools names the five tools", names);

	let r = await client.callTool({ name: "check_model",
	    arguments: { model: "gpt-4-0613" } });
	let s = r.structuredContent ?? {};
	ok(!r.isError && s.status === "deprecated" && s.days_left === 168 &&
	    typeof s.replacement === "string" && s.replacement !== "",
	    "check_model gpt-4-0613: deprecated, 168 days, a replacement", s);
	ok(text(r).includes("168 days") && text(r).includes(s.replacement),
	    "check_model's text says the same", text(r));

	r = await client.callTool({ name: "check_model",
	    arguments: { model: "surely-not-a-model-7" } });
	ok(r.structuredContent?.found === false &&
	    text(r).includes("unknown"), "an unknown model is unknown",
	    r);

	r = await client.callTool({ name: "list_retiring",
	    arguments: { within_days: 90 } });
	const days = (r.structuredContent?.items ?? []).map((i) => i.days_left);
	ok(!r.isError && days.length > 0 &&
	    days.every((d, i) => d >= 0 && d <= 90 &&
	    (i === 0 || days[i - 1] <= d)),
	    "list_retiring: within 90 days, soonest first", days);

	r = await client.callTool({ name: "find_replacement",
	    arguments: { model: "gpt-4-0613" } });
	s = r.structuredContent ?? {};
	ok(!r.isError && s.found === true && s.replacement &&
	    s.resolved && text(r).includes(s.replacement),
	    "find_replacement names the replacement", s);

	r = await client.callTool({ name: "explain_error",
	    arguments: { message: "Error code: 404 - The model `gpt-4-0613` " +
	    "does not exist or you do not have access to it." } });
	ok(r.structuredContent?.model?.id === "gpt-4-0613" &&
	    text(r).includes("deprecated"),
	    "explain_error finds the model", r.structuredContent);

	r = await client.callTool({ name: "recent_changes", arguments: {} });
	ok(!r.isError && r.structuredContent?.available === true &&
	    Array.isArray(r.structuredContent.items) &&
	    r.structuredContent.items.length > 0,
	    "recent_changes reads the database's history",
	    r.structuredContent);

	r = await client.callTool({ name: "list_retiring",
	    arguments: { within_days: "soon" } });
	ok(r.isError === true && text(r) !== "",
	    "a bad argument is an isError result", r);
} catch (e) {
	ok(false, "the SDK client ran without an exception", String(e));
} finally {
	await client.close();
}
done_testing();
