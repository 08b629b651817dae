curl {{base|text}}/chat/completions \
  -H "Authorization: Bearer ${{key|text}}" \
  -H "Content-Type: application/json" \
  -d '{"model": "{{model|json|sh}}", "messages": [{"role": "user", "content": "Hello"}]}'
