curl https://api.openai.com/v1/chat/completions \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"model": "{{model|json|sh}}", "messages": [{"role": "user", "content": "Hello"}]}'
