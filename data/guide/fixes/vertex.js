import { GoogleGenAI } from "@google/genai";

const ai = new GoogleGenAI({ vertexai: true, project: "PROJECT", location: "us-central1" });
const response = await ai.models.generateContent({
  model: "{{model}}",
  contents: "Hello",
});
