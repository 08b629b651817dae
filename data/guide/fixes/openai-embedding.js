import OpenAI from "openai";

const client = new OpenAI();
const response = await client.embeddings.create({
  model: "{{model}}",
  input: "The quick brown fox",
});
