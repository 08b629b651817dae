from openai import OpenAI

client = OpenAI()
response = client.completions.create(
    model="{{model}}",
    prompt="Say hello",
)
