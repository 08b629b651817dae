from openai import OpenAI

client = OpenAI()
response = client.embeddings.create(
    model="{{model}}",
    input="The quick brown fox",
)
