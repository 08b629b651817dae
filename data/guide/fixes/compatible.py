import os
from openai import OpenAI

client = OpenAI(base_url="{{base}}", api_key=os.environ["{{key}}"])
response = client.chat.completions.create(
    model="{{model}}",
    messages=[{"role": "user", "content": "Hello"}],
)
