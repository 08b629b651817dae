import OpenAI from "openai";

const client = new OpenAI({ baseURL: "{{base}}", apiKey: process.env.{{key|text}} });
const response = await client.chat.completions.create({
  model: "{{model}}",
  messages: [{ role: "user", content: "Hello" }],
});
