from openai import OpenAI

client = OpenAI()
result = client.moderations.create(
    model="{{model}}",
    input="Some text",
)
