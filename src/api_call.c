/* api_call.c: JSON requests on top of the request core: bodies out, records
 * and collections in, ids from Location, and relative hrefs made paths. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api_internal.h"

#define PATH_MAX_LENGTH 2048

int64_t
api_location_id(const char *location)
{
    char copy[512];
    size_t length;
    const char *slash;
    int64_t id = 0;

    if (location == NULL || *location == '\0')
        return 0;
    snprintf(copy, sizeof copy, "%s", location);
    copy[strcspn(copy, "?#")] = '\0';
    length = strlen(copy);
    while (length > 0 && copy[length - 1] == '/')
        copy[--length] = '\0';

    slash = strrchr(copy, '/');
    if (!api_id_from_text(slash ? slash + 1 : copy, &id))
        return 0;
    return id;
}

void
api_path_with_page(char *buf, size_t size, const char *path, int page, int per_page)
{
    const char *separator = strchr(path, '?') ? "&" : "?";
    size_t used = (size_t)snprintf(buf, size, "%s", path);

    if (page > 0 && used < size) {
        used += (size_t)snprintf(buf + used, size - used, "%spage=%d", separator, page);
        separator = "&";
    }
    if (per_page > 0 && used < size)
        snprintf(buf + used, size - used, "%sper_page=%d", separator, per_page);
}

/* Accepts application/json and any +json type such as application/hal+json,
 * with or without parameters. */
static bool
is_json_type(const char *type)
{
    size_t length = strcspn(type, "; \t");

    if (length == 16 && strncasecmp(type, "application/json", 16) == 0)
        return true;
    return length > 17 && strncasecmp(type, "application/", 12) == 0 && strncasecmp(type + length - 5, "+json", 5) == 0;
}

static int
check_json_type(const struct api_response *response, struct api_error *err)
{
    const char *type = response->headers.content_type;

    if (is_json_type(type))
        return 0;
    return api_error_set(err, API_ERR_CONTENT_TYPE, "CATS sent \"%s\" where application/json was expected",
                         type[0] ? type : "no Content-Type");
}

/* A request whose body, when there is one, is JSON; body's text lives as
 * long as body. */
static struct api_request
json_request(const char *method, const char *path, struct json_object *body)
{
    struct api_request request = {
        .method = method,
        .path = path,
        .json_body = body ? json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN) : NULL,
        .download_fd = -1,
    };

    return request;
}

int
api_response_record(const struct api_response *response, struct json_object **out, struct api_error *err)
{
    *out = NULL;
    if (check_json_type(response, err) != 0)
        return -1;
    return api_record_parse(response->body, response->length, out, err);
}

int
api_call(struct api_client *client, const char *method, const char *path, struct json_object *body,
         struct json_object **out, int64_t *new_id, struct api_error *err)
{
    struct api_request request = json_request(method, path, body);
    struct api_response response;
    int result;

    if (out != NULL)
        *out = NULL;
    if (new_id != NULL)
        *new_id = 0;
    result = api_perform(client, &request, &response, err);

    if (result == 0 && new_id != NULL)
        *new_id = api_location_id(response.headers.location);
    if (result == 0 && out != NULL)
        result = api_response_record(&response, out, err);
    api_response_free(&response);
    return result;
}

int
api_call_list(struct api_client *client, const char *method, const char *path, struct json_object *body,
              const char *plural, int page, int per_page, struct api_list *out, struct api_error *err)
{
    struct api_request request = json_request(method, path, body);
    struct api_response response;
    int result = api_perform(client, &request, &response, err);

    memset(out, 0, sizeof *out);
    if (result == 0)
        result = check_json_type(&response, err);
    if (result == 0)
        result = api_list_parse(response.body, response.length, plural, page, per_page, out, err);
    api_response_free(&response);
    return result;
}

/* ---- relative hrefs ---- */

/* Turns an href into a path below the base URL: adds the leading slash
 * CATS sometimes leaves out, and rejects absolute URLs (the key must not go
 * to another host) and characters a URL cannot carry. */
static int
href_to_path(char *buf, size_t size, const char *href, struct api_error *err)
{
    if (href == NULL || *href == '\0')
        return api_error_set(err, API_ERR_ARGUMENT, "the path is empty; give a path such as /tasks/5");
    if (strstr(href, "://") != NULL || strncmp(href, "//", 2) == 0)
        return api_error_set(err, API_ERR_ARGUMENT,
                             "\"%s\" is an absolute URL; only paths below the base URL are followed", href);
    for (const char *c = href; *c; c++)
        if ((unsigned char)*c <= ' ' || *c == 0x7f)
            return api_error_set(err, API_ERR_ARGUMENT, "the path \"%s\" contains a space or control character",
                                 href);
    if ((size_t)snprintf(buf, size, "%s%s", *href == '/' ? "" : "/", href) >= size)
        return api_error_set(err, API_ERR_ARGUMENT, "the path is longer than %zu bytes", size - 1);
    return 0;
}

/* Reads the value of name=N from a path's query; 0 when absent. */
static int
query_number(const char *path, const char *name)
{
    const char *query = strchr(path, '?');
    size_t length = strlen(name);

    for (const char *at = query; at != NULL; at = strchr(at + 1, '&'))
        if (strncmp(at + 1, name, length) == 0 && at[1 + length] == '=')
            return atoi(at + 2 + length);
    return 0;
}

int
api_get(struct api_client *client, const char *path, struct json_object **out, struct api_error *err)
{
    char full[PATH_MAX_LENGTH];

    api_error_clear(err);
    *out = NULL;
    if (href_to_path(full, sizeof full, path, err) != 0)
        return -1;
    return api_call(client, "GET", full, NULL, out, NULL, err);
}

int
api_get_list(struct api_client *client, const char *path, const char *plural, struct api_list *out,
             struct api_error *err)
{
    char full[PATH_MAX_LENGTH];

    api_error_clear(err);
    memset(out, 0, sizeof *out);
    if (href_to_path(full, sizeof full, path, err) != 0)
        return -1;
    return api_call_list(client, "GET", full, NULL, plural, query_number(full, "page"),
                         query_number(full, "per_page"), out, err);
}
