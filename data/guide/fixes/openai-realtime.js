import WebSocket from "ws";

const ws = new WebSocket(
  "wss://api.openai.com/v1/realtime?model={{model|url}}",
  { headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` } },
);
