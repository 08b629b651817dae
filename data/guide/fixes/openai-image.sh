curl https://api.openai.com/v1/images/generations \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"model": "{{model|json|sh}}", "prompt": "A lighthouse at dusk"}'
