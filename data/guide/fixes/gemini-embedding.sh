curl "https://generativelanguage.googleapis.com/v1beta/models/{{model|url}}:embedContent" \
  -H "x-goog-api-key: $GEMINI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"content": {"parts": [{"text": "The quick brown fox"}]}}'
