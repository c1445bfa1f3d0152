/* response.c: helpers that read requests and build CATS-shaped responses. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"
#include "server.h"

#define PER_PAGE_DEFAULT 25
#define PER_PAGE_MAX 100

void
resp_json(struct response *resp, int status, json_object *obj)
{
    const char *text = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN
                                                           | JSON_C_TO_STRING_NOSLASHESCAPE);

    resp->status = status;
    resp->body.len = 0;
    buffer_append(&resp->body, text, strlen(text));
    resp->content_type = "application/json; charset=utf-8";
    json_object_put(obj);
}

void
resp_message(struct response *resp, int status, const char *fmt, ...)
{
    char text[1024];
    va_list args;
    json_object *obj = json_object_new_object();

    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    jsonu_add_string(obj, "message", text);
    resp_json(resp, status, obj);
}

void
resp_no_content(struct response *resp)
{
    resp->status = 204;
    resp->body.len = 0;
    resp->content_type = NULL;
}

void
resp_created(struct request *req, struct response *resp, const char *fmt, ...)
{
    char path[200];
    va_list args;

    va_start(args, fmt);
    vsnprintf(path, sizeof path, fmt, args);
    va_end(args);
    snprintf(resp->location, sizeof resp->location, "%s%s", req->app->base_url, path);
    resp->status = 201;
    resp->body.len = 0;
    resp->content_type = NULL;
}

void
errors_add(struct errors *errors, const char *fmt, ...)
{
    char text[512];
    va_list args;

    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    if (errors->list == NULL)
        errors->list = json_object_new_array();
    json_object_array_add(errors->list, json_object_new_string(text));
    buffer_appendf(&errors->joined, "%s%s.", errors->joined.len ? " " : "", text);
}

bool
errors_any(const struct errors *errors)
{
    return errors->list != NULL;
}

void
errors_free(struct errors *errors)
{
    json_object_put(errors->list);
    buffer_free(&errors->joined);
    errors->list = NULL;
}

void
resp_errors(struct response *resp, struct errors *errors)
{
    json_object *obj = json_object_new_object();

    jsonu_add_string(obj, "message", errors->joined.data ? errors->joined.data : "Validation failed.");
    json_object_object_add(obj, "errors", errors->list ? errors->list : json_object_new_array());
    errors->list = NULL;
    errors_free(errors);
    resp_json(resp, 400, obj);
}

const char *
req_query(struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->connection, MHD_GET_ARGUMENT_KIND, name);
}

json_object *
req_json_body(struct request *req, struct response *resp, bool required)
{
    struct json_tokener *tokener;
    json_object *obj;

    if (req->body.len == 0) {
        if (!required)
            return json_object_new_object();
        resp_message(resp, 400, "The request body must be a JSON object; send {} to change nothing.");
        return NULL;
    }

    tokener = json_tokener_new();
    obj = json_tokener_parse_ex(tokener, req->body.data, (int)req->body.len);
    if (obj == NULL || json_tokener_get_parse_end(tokener) != req->body.len
        || !json_object_is_type(obj, json_type_object)) {
        json_object_put(obj);
        obj = NULL;
        resp_message(resp, 400, "The request body is not a valid JSON object.");
    }
    json_tokener_free(tokener);
    return obj;
}

/* Parses a positive integer query argument; absent gives fallback. */
static bool
query_long(struct request *req, const char *name, long fallback, long *out)
{
    const char *text = req_query(req, name);
    char *end;

    if (text == NULL) {
        *out = fallback;
        return true;
    }
    errno = 0;
    *out = strtol(text, &end, 10);
    return errno == 0 && end != text && *end == '\0' && *out > 0;
}

bool
req_paging(struct request *req, struct response *resp, struct paging *paging)
{
    if (!query_long(req, "page", 1, &paging->page)) {
        resp_message(resp, 400, "page must be a positive integer (pages start at 1).");
        return false;
    }
    if (!query_long(req, "per_page", PER_PAGE_DEFAULT, &paging->per_page)) {
        resp_message(resp, 400, "per_page must be a positive integer, at most %d.", PER_PAGE_MAX);
        return false;
    }
    if (paging->per_page > PER_PAGE_MAX)
        paging->per_page = PER_PAGE_MAX;
    return true;
}

char *
url_encode(const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    struct buffer out = { 0 };

    buffer_append(&out, "", 0);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
            || strchr("-._~", *p)) {
            buffer_append(&out, p, 1);
            continue;
        }
        char escaped[3] = { '%', hex[*p >> 4], hex[*p & 15] };

        buffer_append(&out, escaped, 3);
    }
    return out.data;
}

/* Paging links always keep their leading slash: the href-no-slash quirk
 * concerns record links, as in the CATS sample where it was seen. */
static void
add_page_link(json_object *links, const char *rel, const char *path, const char *extra_query,
              long page, long per_page)
{
    char href[512];
    json_object *link = json_object_new_object();

    snprintf(href, sizeof href, "%s?%spage=%ld&per_page=%ld", path, extra_query, page, per_page);
    jsonu_add_string(link, "href", href);
    json_object_object_add(links, rel, link);
}

json_object *
list_envelope(struct request *req, const char *plural, const char *path, const char *extra_query,
              long total, const struct paging *paging, json_object *rows)
{
    json_object *obj = json_object_new_object();
    json_object *links = json_object_new_object();
    long last = total > 0 ? (total + paging->per_page - 1) / paging->per_page : 1;
    bool total_null = req->render.total_null;

    jsonu_add_int(obj, "count", (long)json_object_array_length(rows));
    if (total_null)
        jsonu_add_null(obj, "total");
    else
        jsonu_add_int(obj, "total", total);

    add_page_link(links, "self", path, extra_query, paging->page, paging->per_page);
    add_page_link(links, "first", path, extra_query, 1, paging->per_page);
    if (paging->page > 1)
        add_page_link(links, "prev", path, extra_query, paging->page - 1 < last ? paging->page - 1 : last,
                      paging->per_page);
    if (paging->page < last)
        add_page_link(links, "next", path, extra_query, paging->page + 1, paging->per_page);
    if (!total_null)
        add_page_link(links, "last", path, extra_query, last, paging->per_page);
    json_object_object_add(obj, "_links", links);
    json_object_object_add(jsonu_add_object(obj, "_embedded"), plural, rows);
    return obj;
}
