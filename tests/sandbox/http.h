/* http.h: a small libcurl client for the sandbox tests: one call returns
 * the status, the headers the tests look at and the body, parsed as JSON
 * when it is JSON.  Nothing here talks to any host but 127.0.0.1. */
#ifndef CATS_TEST_SANDBOX_HTTP_H
#define CATS_TEST_SANDBOX_HTTP_H

#include <curl/curl.h>
#include <json-c/json.h>
#include <stddef.h>

#include "harness.h"

struct http_reply {
    CURLcode code;          /* CURLE_OK when a whole response arrived */
    long status;
    char *body;             /* NUL-terminated; owned, freed by http_reply_free */
    size_t len;
    json_object *json;      /* the parsed body, or NULL */
    char request_id[64];
    char location[512];
    char retry_after[32];
    char rate_limit[32];
    char rate_remaining[32];
    char content_type[128];
    char disposition[512];
};

/* Sends method to url with "Authorization: Token key" (no header when key
 * is NULL), an optional Content-Type and body.  Fills reply (zeroed first).
 * Times out after timeout_ms (0: ten seconds). */
void http_call(const char *method, const char *url, const char *key, const char *content_type,
               const char *body, size_t body_len, long timeout_ms, struct http_reply *reply);

/* The same against the sandbox's API: url is sb->url + path, with its key. */
void http_api(const struct sandbox *sb, const char *method, const char *path, const char *body,
              struct http_reply *reply);

/* A control endpoint (sb->root + path), without a key. */
void http_control(const struct sandbox *sb, const char *method, const char *path, const char *body,
                  struct http_reply *reply);

void http_reply_free(struct http_reply *reply);

/* Field helpers on a JSON object: missing or wrong types give 0/NULL. */
json_object *json_at(json_object *obj, const char *dotted_path);
long json_long(json_object *obj, const char *dotted_path);
const char *json_str(json_object *obj, const char *dotted_path);

/* The id at the end of a Location header, or 0. */
long location_id(const struct http_reply *reply);

#endif
