from openai import OpenAI

client = OpenAI()
response = client.chat.completions.create(
    model="{{model}}",
    messages=[{"role": "user", "content": "Hello"}],
)
