#!/usr/bin/env python3
"""gen-catalog.py N - a synthetic sunset-feed/1 document with N records,
shaped like real ones (aliases, dates, replacements, sources), for
measuring sunset at scale."""
import json
import sys

n = int(sys.argv[1])
providers = ["openai", "anthropic", "google", "vertex", "bedrock", "azure",
             "mistral", "cohere", "groq", "xai"]
models = []
for i in range(n):
    models.append({
        "provider": providers[i % len(providers)],
        "id": "gen-model-%05d" % i,
        "aliases": ["gen-alias-%05d" % i],
        "status": None,
        "announced_on": "2026-%02d-%02d" % (i % 12 + 1, i % 28 + 1),
        "shutdown_on": "2027-%02d-%02d" % (i % 12 + 1, i % 28 + 1),
        "shutdown_kind": "firm",
        "replacements": [{"provider": providers[i % len(providers)],
                          "id": "gen-model-%05d" % ((i + 1) % n),
                          "note": None}],
        "kind": "chat",
        "scope": None,
        "sources": [{"url": "https://example.com/deprecations/%d" % i}],
    })
json.dump({"format": "sunset-feed/1", "generated_at": "2026-11-25T00:00:00Z",
           "models": models}, sys.stdout)
