/* http.c: the libcurl client of the sandbox tests. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"

static size_t
collect_body(char *data, size_t size, size_t count, void *userdata)
{
    struct http_reply *reply = userdata;
    size_t len = size * count;
    char *grown = realloc(reply->body, reply->len + len + 1);

    if (grown == NULL)
        return 0;
    reply->body = grown;
    memcpy(reply->body + reply->len, data, len);
    reply->len += len;
    reply->body[reply->len] = '\0';
    return len;
}

/* Copies the value of header `name` from line into out when it matches. */
static void
take_header(const char *line, size_t len, const char *name, char *out, size_t out_size)
{
    size_t name_len = strlen(name);

    if (len <= name_len + 1 || strncasecmp(line, name, name_len) != 0 || line[name_len] != ':')
        return;
    line += name_len + 1;
    len -= name_len + 1;
    while (len > 0 && (*line == ' ' || *line == '\t')) {
        line++;
        len--;
    }
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n'))
        len--;
    snprintf(out, out_size, "%.*s", (int)len, line);
}

static size_t
collect_header(char *data, size_t size, size_t count, void *userdata)
{
    struct http_reply *reply = userdata;
    size_t len = size * count;

    take_header(data, len, "x-request-id", reply->request_id, sizeof reply->request_id);
    take_header(data, len, "Location", reply->location, sizeof reply->location);
    take_header(data, len, "Retry-After", reply->retry_after, sizeof reply->retry_after);
    take_header(data, len, "X-Rate-Limit-Limit", reply->rate_limit, sizeof reply->rate_limit);
    take_header(data, len, "X-Rate-Limit-Remaining", reply->rate_remaining, sizeof reply->rate_remaining);
    take_header(data, len, "Content-Type", reply->content_type, sizeof reply->content_type);
    take_header(data, len, "Content-Disposition", reply->disposition, sizeof reply->disposition);
    return len;
}

void
http_call(const char *method, const char *url, const char *key, const char *content_type,
          const char *body, size_t body_len, long timeout_ms, struct http_reply *reply)
{
    CURL *curl = curl_easy_init();
    struct curl_slist *headers = NULL;
    char line[256];

    memset(reply, 0, sizeof *reply);
    if (key) {
        snprintf(line, sizeof line, "Authorization: Token %s", key);
        headers = curl_slist_append(headers, line);
    }
    if (content_type) {
        snprintf(line, sizeof line, "Content-Type: %s", content_type);
        headers = curl_slist_append(headers, line);
    }
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_PROXY, "");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms : 10000L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, reply);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, reply);
    if (body) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)body_len);
    }
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);

    reply->code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply->status);
    if (reply->body && strstr(reply->content_type, "json"))
        reply->json = json_tokener_parse(reply->body);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
}

void
http_api(const struct sandbox *sb, const char *method, const char *path, const char *body,
         struct http_reply *reply)
{
    char url[1024];

    snprintf(url, sizeof url, "%s%s", sb->url, path);
    http_call(method, url, sb->key, body ? "application/json" : NULL, body, body ? strlen(body) : 0, 0, reply);
}

void
http_control(const struct sandbox *sb, const char *method, const char *path, const char *body,
             struct http_reply *reply)
{
    char url[1024];

    snprintf(url, sizeof url, "%s%s", sb->root, path);
    http_call(method, url, NULL, body ? "application/json" : NULL, body, body ? strlen(body) : 0, 0, reply);
}

void
http_reply_free(struct http_reply *reply)
{
    free(reply->body);
    json_object_put(reply->json);
    memset(reply, 0, sizeof *reply);
}

json_object *
json_at(json_object *obj, const char *dotted_path)
{
    char part[128];
    const char *p = dotted_path;

    while (obj && *p) {
        size_t len = strcspn(p, ".");

        snprintf(part, sizeof part, "%.*s", (int)len, p);
        if (json_object_is_type(obj, json_type_array))
            obj = json_object_array_get_idx(obj, (size_t)atoi(part));
        else if (!json_object_object_get_ex(obj, part, &obj))
            return NULL;
        p += len + (p[len] == '.');
    }
    return obj;
}

long
json_long(json_object *obj, const char *dotted_path)
{
    json_object *value = json_at(obj, dotted_path);

    return json_object_is_type(value, json_type_int) ? (long)json_object_get_int64(value) : 0;
}

const char *
json_str(json_object *obj, const char *dotted_path)
{
    json_object *value = json_at(obj, dotted_path);

    return json_object_is_type(value, json_type_string) ? json_object_get_string(value) : NULL;
}

long
location_id(const struct http_reply *reply)
{
    const char *slash = strrchr(reply->location, '/');

    return slash ? strtol(slash + 1, NULL, 10) : 0;
}
