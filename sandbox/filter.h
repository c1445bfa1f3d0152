/* filter.h: the CATS filter language of POST /activities/search: a
 * condition {"field", "filter", "value"} or a tree of {"and": [...]},
 * {"or": [...]} and {"not": {...}}, compiled once and evaluated per row. */
#ifndef SANDBOX_FILTER_H
#define SANDBOX_FILTER_H

#include <json-c/json.h>
#include <stdbool.h>

#include "store.h"

struct filter;

/* Compiles body.  Returns the filter (free with filter_free), or NULL with
 * a message naming the field or operator in err. */
struct filter *filter_compile(json_object *body, char *err, size_t err_size);

bool filter_match(const struct filter *filter, const struct activity *activity);

void filter_free(struct filter *filter);

/* True when text contains needle, ASCII letters compared case-insensitively. */
bool filter_text_contains(const char *text, const char *needle);

#endif
