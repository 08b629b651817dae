import OpenAI from "openai";

const client = new OpenAI();
const result = await client.images.generate({
  model: "{{model}}",
  prompt: "A lighthouse at dusk",
});
