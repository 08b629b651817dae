from google import genai

client = genai.Client()
result = client.models.embed_content(
    model="{{model}}",
    contents="The quick brown fox",
)
