import OpenAI from "openai";

const client = new OpenAI();
const speech = await client.audio.speech.create({
  model: "{{model}}",
  voice: "alloy",
  input: "Hello",
});
