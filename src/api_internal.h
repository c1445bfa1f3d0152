/* api_internal.h: what the api_*.c files share and the rest of the program
 * does not see: the session and client structs and the request core. */
#ifndef CATS_API_INTERNAL_H
#define CATS_API_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "api.h"

struct api_session {
    char *base_url;              /* no trailing slash */
    char *auth_header;           /* "Authorization: Token KEY" */
    char *ca_file;               /* NULL: the system's store */
    const char *protocols;       /* "https", or "http,https" for a loopback base */
    bool loopback;               /* the base URL's host is a loopback address */
    long connect_timeout_ms;
    long timeout_ms;
    size_t max_body;
    int trace_fd;                /* -1: no trace */
    atomic_bool cancelled;       /* set by api_session_cancel(), never cleared */

    pthread_mutex_t lock;        /* guards the fields below */
    long rate_limit;
    long rate_remaining;
    struct timespec retry_until; /* CLOCK_MONOTONIC; zero when no 429 is pending */
};

struct api_client {
    struct api_session *session;
    CURL *curl;
    long connections;
};

/* The headers of the last response that the client reads. */
struct api_headers {
    char content_type[128];
    char location[512];
    char request_id[API_REQUEST_ID_MAX];
    char disposition[512];
    long retry_after;            /* -1 when absent */
    long rate_limit;             /* -1 when absent */
    long rate_remaining;         /* -1 when absent */
};

/* One request.  path is relative to the base URL and starts with '/'. */
struct api_request {
    const char *method;          /* "GET", "POST", "PUT", "DELETE" */
    const char *path;
    const char *json_body;       /* sent as application/json; NULL: no body */
    FILE *upload;                /* sent as application/octet-stream; NULL: none */
    curl_off_t upload_size;
    int download_fd;             /* >= 0: a 2xx body is streamed here */
};

/* The response as received.  body is owned and NUL-terminated (NULL when
 * empty or streamed to download_fd). */
struct api_response {
    long status;
    struct api_headers headers;
    char *body;
    size_t length;
    int64_t written;             /* bytes streamed to download_fd */
    bool too_large;
    bool write_failed;
    int write_errno;             /* errno of the failed write to download_fd */
};

/* ---- api_error.c ---- */

/* Sets err to kind with a printf-style message; returns -1 so callers can
 * `return api_error_set(...)`. */
int api_error_set(struct api_error *err, enum api_error_kind kind, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Fills err from a non-2xx response: kind from the status, CATS's message
 * from a JSON body, or a one-line summary of an HTML or text body. */
void api_error_from_status(struct api_error *err, const struct api_response *response);

/* Fills err from a failed curl transfer. */
void api_error_from_curl(struct api_error *err, CURLcode code, const char *detail);

/* ---- api_session.c ---- */

/* Stores the rate-limit headers and a 429's Retry-After. */
void api_session_note_response(struct api_session *session, const struct api_response *response);

/* Appends one trace line when a trace file is open. */
void api_session_trace(struct api_session *session, const struct api_request *request,
                       const struct api_response *response, long elapsed_ms, int64_t bytes);

/* ---- api_http.c ---- */

/* Performs request and fills response (free it with api_response_free()).
 * Returns 0 when an HTTP response with a 2xx status arrived whole, else -1
 * with err filled.  Either way response contains as much as arrived. */
int api_perform(struct api_client *client, const struct api_request *request,
                struct api_response *response, struct api_error *err);

void api_response_free(struct api_response *response);

/* ---- api_call.c ---- */

/* Sends method to path with body (may be NULL) and parses the response as a
 * JSON object into *out (may be NULL when no body is expected).  A create
 * passes new_id to receive the id at the end of Location. */
int api_call(struct api_client *client, const char *method, const char *path,
             struct json_object *body, struct json_object **out, int64_t *new_id,
             struct api_error *err);

/* Sends method to path with body (may be NULL) and parses the response as a
 * collection of plural. */
int api_call_list(struct api_client *client, const char *method, const char *path,
                  struct json_object *body, const char *plural, int page, int per_page,
                  struct api_list *out, struct api_error *err);

/* Parses a response as one JSON object record after checking its
 * Content-Type; *out receives one reference. */
int api_response_record(const struct api_response *response, struct json_object **out,
                        struct api_error *err);

/* Appends "page=&per_page=" (when positive) to a path that has a query or
 * not, into buf. */
void api_path_with_page(char *buf, size_t size, const char *path, int page, int per_page);

/* Reads the id after the last '/' of a Location value; 0 when none. */
int64_t api_location_id(const char *location);

/* ---- api_json.c ---- */

/* Reads a whole string of decimal digits as an id; false for anything else. */
bool api_id_from_text(const char *text, int64_t *id);

/* Parses a JSON body of any type into *out.  JSON that ends early fails as
 * API_ERR_BAD_JSON like any other syntax error, because curl reports a body
 * cut short of its length as API_ERR_TRUNCATED before parsing starts. */
int api_json_parse(const char *text, size_t length, struct json_object **out, struct api_error *err);

#endif
