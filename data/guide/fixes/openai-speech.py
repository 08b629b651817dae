from openai import OpenAI

client = OpenAI()
speech = client.audio.speech.create(
    model="{{model}}",
    voice="alloy",
    input="Hello",
)
