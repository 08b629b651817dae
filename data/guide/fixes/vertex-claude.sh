curl "https://us-east5-aiplatform.googleapis.com/v1/projects/$PROJECT/locations/us-east5/publishers/anthropic/models/{{model|url}}:rawPredict" \
  -H "Authorization: Bearer $(gcloud auth print-access-token)" \
  -H "Content-Type: application/json" \
  -d '{"anthropic_version": "vertex-2023-10-16", "max_tokens": 1024, "messages": [{"role": "user", "content": "Hello"}]}'
