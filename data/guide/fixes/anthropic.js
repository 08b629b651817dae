import Anthropic from "@anthropic-ai/sdk";

const client = new Anthropic();
const message = await client.messages.create({
  model: "{{model}}",
  max_tokens: 1024,
  messages: [{ role: "user", content: "Hello" }],
});
