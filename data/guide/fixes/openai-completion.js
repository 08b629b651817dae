import OpenAI from "openai";

const client = new OpenAI();
const response = await client.completions.create({
  model: "{{model}}",
  prompt: "Say hello",
});
