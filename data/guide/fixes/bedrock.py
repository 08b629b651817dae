import boto3

client = boto3.client("bedrock-runtime")
response = client.converse(
    modelId="{{model}}",
    messages=[{"role": "user", "content": [{"text": "Hello"}]}],
)
