curl https://api.openai.com/v1/audio/transcriptions \
  -H "Authorization: Bearer $OPENAI_API_KEY" \
  --form-string 'model={{model}}' \
  -F file=@audio.mp3
