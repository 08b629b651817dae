import { AzureOpenAI } from "openai";

const client = new AzureOpenAI({ apiVersion: "2024-10-21" });
const response = await client.chat.completions.create({
  model: "{{model}}", // the deployment name
  messages: [{ role: "user", content: "Hello" }],
});
