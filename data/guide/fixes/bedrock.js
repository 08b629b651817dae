import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";

const client = new BedrockRuntimeClient();
const response = await client.send(new ConverseCommand({
  modelId: "{{model}}",
  messages: [{ role: "user", content: [{ text: "Hello" }] }],
}));
