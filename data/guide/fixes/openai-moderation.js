import OpenAI from "openai";

const client = new OpenAI();
const result = await client.moderations.create({
  model: "{{model}}",
  input: "Some text",
});
