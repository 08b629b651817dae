curl "https://bedrock-runtime.$AWS_REGION.amazonaws.com/model/{{model|url}}/converse" \
  --aws-sigv4 "aws:amz:$AWS_REGION:bedrock" \
  --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
  -H "Content-Type: application/json" \
  -d '{"messages": [{"role": "user", "content": [{"text": "Hello"}]}]}'
