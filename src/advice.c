/*
 * advice.c - kind, effort and price change of a migration.
 */
#include "config.h"

#include <string.h>

#include "advice.h"

/* Words in an id that say its kind, first match wins. */
static const struct {
	const char	*word;
	const char	*kind;
} kind_words[] = {
	{ "realtime", "realtime" },
	{ "embed", "embedding" },
	{ "transcribe", "audio" },
	{ "whisper", "audio" },
	{ "tts", "audio" },
	{ "audio", "audio" },
	{ "dall-e", "image" },
	{ "image", "image" },
	{ "imagen", "image" },
	{ "sora", "video" },
	{ "veo-", "video" },
	{ "moderation", "moderation" },
	{ "rerank", "rerank" },
	{ "davinci", "completion" },
	{ "babbage", "completion" },
	{ "instruct", "completion" },
};

const char *
advice_kind(const struct record *r)
{
	size_t i;

	if (r->kind != NULL)
		return r->kind;
	for (i = 0; i < sizeof(kind_words) / sizeof(kind_words[0]); i++)
		if (strstr(r->id, kind_words[i].word) != NULL)
			return kind_words[i].kind;
	return NULL;
}

const struct record *
advice_target(const struct snapshot *snap, const struct replacement *rp)
{
	const struct record *r;
	struct lookup l;

	if ((r = snapshot_find(snap, rp->provider, rp->id)) != NULL)
		return r;
	if (snapshot_lookup(snap, rp->id, rp->provider, &l) < 0 ||
	    l.how == MATCH_FAMILY)
		return NULL;
	return l.record;
}

const struct record *
advice_replacement(const struct snapshot *snap, const struct record *r)
{
	return r->nreplacements > 0 ?
	    advice_target(snap, &r->replacements[0]) : NULL;
}

const char *
advice_effort(const struct record *r, const struct record *to)
{
	const char *from_kind, *to_kind;

	if (r->nreplacements == 0)
		return NULL;
	if (to == NULL || strcmp(to->provider, r->provider) != 0)
		return "review";
	from_kind = advice_kind(r);
	to_kind = advice_kind(to);
	/* Two chat models with no stated kind are still an id swap. */
	if (from_kind == NULL && to_kind == NULL)
		return "trivial";
	if (from_kind == NULL || to_kind == NULL ||
	    strcmp(from_kind, to_kind) != 0)
		return "review";
	return "trivial";
}

int
advice_price_change(const struct record *r, const struct record *to,
    struct price_change *pc)
{
	if (to == NULL || r->input_per_mtok < 0 || r->output_per_mtok < 0 ||
	    to->input_per_mtok < 0 || to->output_per_mtok < 0)
		return -1;
	memset(pc, 0, sizeof(*pc));
	pc->input = to->input_per_mtok - r->input_per_mtok;
	pc->output = to->output_per_mtok - r->output_per_mtok;
	if (r->audio_input_per_mtok >= 0 && to->audio_input_per_mtok >= 0) {
		pc->audio_input = to->audio_input_per_mtok -
		    r->audio_input_per_mtok;
		pc->has_audio_input = 1;
	}
	if (r->audio_output_per_mtok >= 0 && to->audio_output_per_mtok >= 0) {
		pc->audio_output = to->audio_output_per_mtok -
		    r->audio_output_per_mtok;
		pc->has_audio_output = 1;
	}
	return 0;
}
