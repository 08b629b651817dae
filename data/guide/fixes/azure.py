from openai import AzureOpenAI

# AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY from the environment
client = AzureOpenAI(api_version="2024-10-21")
response = client.chat.completions.create(
    model="{{model}}",  # the deployment name
    messages=[{"role": "user", "content": "Hello"}],
)
