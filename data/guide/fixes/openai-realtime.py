from openai import AsyncOpenAI

client = AsyncOpenAI()
async with client.realtime.connect(
    model="{{model}}",
) as connection:
    ...
