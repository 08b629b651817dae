import { GoogleGenAI } from "@google/genai";

const ai = new GoogleGenAI({});
const result = await ai.models.embedContent({
  model: "{{model}}",
  contents: "The quick brown fox",
});
