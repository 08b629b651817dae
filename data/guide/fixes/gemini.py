from google import genai

client = genai.Client()
response = client.models.generate_content(
    model="{{model}}",
    contents="Hello",
)
