/* api_json.c: parses CATS response bodies: records, collection envelopes,
 * ids given as numbers or strings, and file names made safe. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "api_internal.h"

int
api_json_parse(const char *text, size_t length, struct json_object **out, struct api_error *err)
{
    struct json_tokener *tokener;
    enum json_tokener_error code;
    size_t end;

    *out = NULL;
    if (text == NULL || length == 0)
        return api_error_set(err, API_ERR_BAD_JSON, "the response body is empty where JSON was expected");
    if (length > INT_MAX)
        return api_error_set(err, API_ERR_TOO_LARGE, "the JSON body of %zu bytes is too large to parse", length);

    tokener = json_tokener_new();
    *out = json_tokener_parse_ex(tokener, text, (int)length);
    code = json_tokener_get_error(tokener);
    end = json_tokener_get_parse_end(tokener);
    json_tokener_free(tokener);

    /* The HTTP layer reports a body cut short of its length as
     * API_ERR_TRUNCATED, so JSON that stops early in a whole body is bad. */
    if (*out == NULL && code == json_tokener_continue)
        return api_error_set(err, API_ERR_BAD_JSON, "the JSON body ends early, after %zu bytes", length);
    if (*out == NULL)
        return api_error_set(err, API_ERR_BAD_JSON, "invalid JSON at byte %zu: %s", end,
                             json_tokener_error_desc(code));
    while (end < length && strchr(" \t\r\n", text[end]) != NULL)
        end++;
    if (end < length) {
        json_object_put(*out);
        *out = NULL;
        return api_error_set(err, API_ERR_BAD_JSON, "unexpected data after the JSON value at byte %zu", end);
    }
    return 0;
}

int
api_record_parse(const char *text, size_t length, struct json_object **out, struct api_error *err)
{
    if (api_json_parse(text, length, out, err) != 0)
        return -1;
    if (!json_object_is_type(*out, json_type_object)) {
        json_object_put(*out);
        *out = NULL;
        return api_error_set(err, API_ERR_BAD_JSON, "the response is JSON but not an object");
    }
    return 0;
}

/* ---- field helpers ---- */

bool
api_id_from_text(const char *text, int64_t *id)
{
    char *end;
    long long value;

    if (*text < '0' || *text > '9')
        return false;
    errno = 0;
    value = strtoll(text, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *id = value;
    return true;
}

bool
api_json_id(const struct json_object *obj, const char *key, int64_t *id)
{
    struct json_object *value = NULL;

    if (obj == NULL || !json_object_object_get_ex(obj, key, &value) || value == NULL)
        return false;
    if (json_object_is_type(value, json_type_int)) {
        int64_t number = json_object_get_int64(value);
        if (number < 0)
            return false;
        *id = number;
        return true;
    }
    if (json_object_is_type(value, json_type_string))
        return api_id_from_text(json_object_get_string(value), id);
    return false;
}

const char *
api_json_string(const struct json_object *obj, const char *key)
{
    struct json_object *value = NULL;

    if (obj == NULL || !json_object_object_get_ex(obj, key, &value))
        return NULL;
    if (!json_object_is_type(value, json_type_string))
        return NULL;
    return json_object_get_string(value);
}

const char *
api_json_link(const struct json_object *record, const char *rel)
{
    struct json_object *links = NULL, *link = NULL;

    if (record == NULL || !json_object_object_get_ex(record, "_links", &links))
        return NULL;
    if (!json_object_object_get_ex(links, rel, &link))
        return NULL;
    return api_json_string(link, "href");
}

/* ---- collections ---- */

size_t
api_list_length(const struct api_list *list)
{
    return list->rows ? json_object_array_length(list->rows) : 0;
}

struct json_object *
api_list_row(const struct api_list *list, size_t i)
{
    if (i >= api_list_length(list))
        return NULL;
    return json_object_array_get_idx(list->rows, i);
}

void
api_list_free(struct api_list *list)
{
    json_object_put(list->body);
    memset(list, 0, sizeof *list);
}

/* Points out->rows at _embedded.<plural>; a page with no rows may leave out
 * _embedded or the key, but a key that is there must be an array. */
static int
find_rows(struct api_list *out, const char *plural, struct api_error *err)
{
    struct json_object *embedded = NULL, *rows = NULL;

    if (!json_object_object_get_ex(out->body, "_embedded", &embedded) || embedded == NULL)
        return 0;
    if (!json_object_is_type(embedded, json_type_object))
        return api_error_set(err, API_ERR_BAD_JSON, "the list's _embedded is not an object");
    if (!json_object_object_get_ex(embedded, plural, &rows) || rows == NULL)
        return 0;
    if (!json_object_is_type(rows, json_type_array))
        return api_error_set(err, API_ERR_BAD_JSON, "the list's _embedded.%s is not an array", plural);
    out->rows = rows;
    return 0;
}

static void
read_counts(struct api_list *out)
{
    int64_t number;

    out->count = api_json_id(out->body, "count", &number) ? (long)number : (long)api_list_length(out);
    out->total_known = api_json_id(out->body, "total", &number);
    out->total = out->total_known ? (long)number : 0;
    out->has_next = api_json_link(out->body, "next") != NULL;
}

/* Takes ownership of body, even on failure. */
static int
list_from_json(struct json_object *body, const char *plural, int page, int per_page, struct api_list *out,
               struct api_error *err)
{
    memset(out, 0, sizeof *out);
    out->body = body;
    out->page = page;
    out->per_page = per_page;

    if (!json_object_is_type(body, json_type_object)) {
        api_list_free(out);
        return api_error_set(err, API_ERR_BAD_JSON, "the list response is not a JSON object");
    }
    if (find_rows(out, plural, err) != 0) {
        api_list_free(out);
        return -1;
    }
    read_counts(out);
    return 0;
}

int
api_list_parse(const char *text, size_t length, const char *plural, int page, int per_page,
               struct api_list *out, struct api_error *err)
{
    struct json_object *body;

    memset(out, 0, sizeof *out);
    if (api_json_parse(text, length, &body, err) != 0)
        return -1;
    return list_from_json(body, plural, page, per_page, out, err);
}

/* ---- file names ---- */

/* Length of the UTF-8 sequence that starts with byte, 1 for a stray byte. */
static size_t
utf8_length(unsigned char byte)
{
    if (byte >= 0xf0 && byte <= 0xf4)
        return 4;
    if (byte >= 0xe0)
        return byte <= 0xef ? 3 : 1;
    if (byte >= 0xc2)
        return 2;
    return 1;
}

/* True for C0 and C1 control characters, the latter encoded in UTF-8 as
 * 0xC2 0x80..0x9F. */
static bool
is_control(const unsigned char *text)
{
    return text[0] < 0x20 || text[0] == 0x7f || (text[0] == 0xc2 && text[1] >= 0x80 && text[1] <= 0x9f);
}

static const char *
last_component(const char *name)
{
    const char *base = name;

    for (const char *c = name; *c; c++)
        if (*c == '/' || *c == '\\')
            base = c + 1;
    return base;
}

char *
api_safe_filename(const char *name, char *out, size_t size)
{
    const unsigned char *in = (const unsigned char *)last_component(name ? name : "");
    size_t used = 0;

    if (size == 0)
        return out;
    while (*in == '.' || *in == ' ' || (*in && is_control(in)))
        in += is_control(in) ? utf8_length(*in) : 1;

    while (*in) {
        size_t step = utf8_length(*in);
        if (strnlen((const char *)in, step) < step)
            break;
        if (!is_control(in)) {
            if (used + step >= size)
                break;
            memcpy(out + used, in, step);
            used += step;
        }
        in += step;
    }
    out[used] = '\0';

    if (used == 0)
        snprintf(out, size, "%s", "download");
    return out;
}
