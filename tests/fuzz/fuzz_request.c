/*
 * fuzz_request.c - libFuzzer target for request handling without the
 * socket: a request target ("/v1/models/ID?provider=P&at=D") is split,
 * percent-decoded and checked as the server does, and a model id is
 * answered from the built-in catalog as GET /v1/models/{id} would.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "api_int.h"
#include "catalog.h"
#include "date.h"
#include "sync.h"
#include "utf8.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	struct jsonw w;
	struct answer a;
	struct catalog *cat;
	char *target, *query, *arg, *next, *eq, *provider = NULL, *text;
	int32_t as_of = date_today();

	if (snap == NULL) {
		if ((cat = catalog_open(":memory:", NULL)) == NULL ||
		    sync_apply_embedded(cat, 0, NULL) < 0 ||
		    (snap = catalog_snapshot(cat, NULL)) == NULL)
			abort();
		catalog_close(cat);
	}
	target = malloc(size + 1);
	memcpy(target, data, size);
	target[size] = '\0';
	if ((query = strchr(target, '?')) != NULL)
		*query++ = '\0';
	api_unescape(target);
	for (arg = query; arg != NULL; arg = next) {
		if ((next = strchr(arg, '&')) != NULL)
			*next++ = '\0';
		if ((eq = strchr(arg, '=')) != NULL)
			*eq++ = '\0';
		api_unescape(arg);
		if (eq != NULL) {
			api_unescape(eq);
			if (api_bad_text(eq))
				continue;
			if (strcmp(arg, "provider") == 0)
				provider = eq;
			else if (strcmp(arg, "at") == 0)
				(void)date_parse_iso(eq, &as_of);
		}
	}
	if (!api_bad_text(target) && strncmp(target, "/v1/models/", 11) == 0 &&
	    target[11] != '\0' && strlen(target + 11) < 256) {
		answer_resolve(&a, snap, target + 11, provider, as_of);
		jsonw_init(&w, BUF_MAX_INTERNAL);
		answer_write(&w, &a, 1);
		/* Answers are always whole and valid UTF-8. */
		if ((text = jsonw_take(&w)) == NULL ||
		    !utf8_valid(text, strlen(text)))
			abort();
		free(text);
	}
	free(target);
	return 0;
}
