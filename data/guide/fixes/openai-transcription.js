import fs from "fs";
import OpenAI from "openai";

const client = new OpenAI();
const transcript = await client.audio.transcriptions.create({
  model: "{{model}}",
  file: fs.createReadStream("audio.mp3"),
});
