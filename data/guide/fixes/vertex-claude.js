import { AnthropicVertex } from "@anthropic-ai/vertex-sdk";

const client = new AnthropicVertex({ projectId: "PROJECT", region: "us-east5" });
const message = await client.messages.create({
  model: "{{model}}",
  max_tokens: 1024,
  messages: [{ role: "user", content: "Hello" }],
});
