from google import genai

client = genai.Client(vertexai=True, project="PROJECT", location="us-central1")
response = client.models.generate_content(
    model="{{model}}",
    contents="Hello",
)
