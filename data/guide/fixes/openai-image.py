from openai import OpenAI

client = OpenAI()
result = client.images.generate(
    model="{{model}}",
    prompt="A lighthouse at dusk",
)
