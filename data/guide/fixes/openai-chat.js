import OpenAI from "openai";

const client = new OpenAI();
const response = await client.chat.completions.create({
  model: "{{model}}",
  messages: [{ role: "user", content: "Hello" }],
});
