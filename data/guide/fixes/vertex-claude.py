from anthropic import AnthropicVertex

client = AnthropicVertex(project_id="PROJECT", region="us-east5")
message = client.messages.create(
    model="{{model}}",
    max_tokens=1024,
    messages=[{"role": "user", "content": "Hello"}],
)
