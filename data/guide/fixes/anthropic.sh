curl https://api.anthropic.com/v1/messages \
  -H "x-api-key: $ANTHROPIC_API_KEY" \
  -H "anthropic-version: 2023-06-01" \
  -H "Content-Type: application/json" \
  -d '{"model": "{{model|json|sh}}", "max_tokens": 1024, "messages": [{"role": "user", "content": "Hello"}]}'
