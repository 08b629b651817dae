/*
 * fuzz_match.c - libFuzzer target for the id matcher: normalisation,
 * platform spellings and lookups in a small catalog.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "match.h"
#include "snapshot.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char catalog[] =
    "{\"format\": \"sunset-feed/1\", \"models\": ["
    "{\"provider\": \"openai\", \"id\": \"gpt-4-0613\", \"aliases\": [\"gpt-4\"]},"
    "{\"provider\": \"azure\", \"id\": \"gpt-4-0613\"},"
    "{\"provider\": \"bedrock\", \"id\": \"anthropic.claude-3-haiku-20240307-v1:0\"},"
    "{\"provider\": \"vertex\", \"id\": \"claude-3-opus@20240229\"},"
    "{\"provider\": \"openai\", \"id\": \"gpt-4o-mini-realtime-preview\"}]}";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xcjson_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct snapshot *snap;
	struct recordset set = { 0 };
	struct match_key key;
	struct lookup l;
	char *s, buf[MATCH_ID_MAX];

	if (snap == NULL) {
		if (feed_sunset_parse(catalog, sizeof(catalog) - 1, NULL, &set,
		    NULL) < 0)
			abort();
		snap = snapshot_new(&set);
	}
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (match_key(s, &key) == 0) {
		(void)match_family(key.id, buf, sizeof(buf));
		(void)match_strip_region(key.id, buf, sizeof(buf));
		(void)match_strip_version(key.id, buf, sizeof(buf));
	}
	(void)snapshot_lookup(snap, s, NULL, &l);
	(void)snapshot_lookup(snap, s, "azure", &l);
	free(s);
	return 0;
}
