import anthropic

client = anthropic.Anthropic()
message = client.messages.create(
    model="{{model}}",
    max_tokens=1024,
    messages=[{"role": "user", "content": "Hello"}],
)
