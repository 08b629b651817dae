from openai import OpenAI

client = OpenAI()
transcript = client.audio.transcriptions.create(
    model="{{model}}",
    file=open("audio.mp3", "rb"),
)
