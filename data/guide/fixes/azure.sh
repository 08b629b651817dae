curl "$AZURE_OPENAI_ENDPOINT/openai/deployments/{{model|url}}/chat/completions?api-version=2024-10-21" \
  -H "api-key: $AZURE_OPENAI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"messages": [{"role": "user", "content": "Hello"}]}'
