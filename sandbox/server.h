/* server.h: the HTTP side of the sandbox: the application state shared by
 * every connection, one request as the handlers see it, and the helpers
 * handlers use to read requests and build CATS-shaped responses.
 *
 * libmicrohttpd runs one thread per connection, so a slow or stalled
 * response never holds up another client.  Handlers run on those threads
 * and take app->store.lock themselves. */
#ifndef SANDBOX_SERVER_H
#define SANDBOX_SERVER_H

#include <json-c/json.h>
#include <microhttpd.h>
#include <stdbool.h>

#include "ratelimit.h"
#include "render.h"
#include "settings.h"
#include "store.h"
#include "util.h"

struct webhooks;

struct app {
    struct store store;
    struct settings settings;
    struct ratelimit ratelimit;
    struct webhooks *webhooks;
    char key[128];
    char base_url[96];        /* "http://127.0.0.1:PORT/v3" */
    char root_url[64];        /* "http://127.0.0.1:PORT" */
    long backup_seconds;
    atomic_bool stopping;     /* set on SIGTERM so sleeping requests end */
};

struct request {
    struct app *app;
    struct MHD_Connection *connection;
    char *target;             /* path and query as received, for the log */
    const char *method;
    const char *path;         /* decoded path, e.g. "/v3/tasks/5" */
    const char *api_path;     /* the part after "/v3", e.g. "/tasks/5" */
    struct buffer body;
    bool body_too_large;
    bool headers_seen;
    double start_time;
    int status;               /* what the log shows; 0 when no response was sent */
    long ids[3];              /* the {id} segments of the matched route */
    const void *route_data;   /* the matched route's data (e.g. a resource) */
    struct render_ctx render;
    char request_id[40];
};

struct response {
    int status;
    struct buffer body;
    const char *content_type;
    char location[320];
    char *disposition;        /* Content-Disposition, owned, or NULL */
    long retry_after;         /* 0: no Retry-After header */
    bool rate_headers;
    long rate_limit;
    long rate_remaining;
    /* When set, the body is streamed: stream_size bytes from this reader. */
    ssize_t (*stream)(void *cls, uint64_t pos, char *buf, size_t max);
    uint64_t stream_size;
};

typedef void route_fn(struct request *req, struct response *resp);

/* Starts libmicrohttpd on an already listening socket.  Returns NULL with a
 * message on stderr when it cannot start. */
struct MHD_Daemon *server_start(struct app *app, int listen_fd);

/* Sends obj (which the response takes) as the JSON body with this status. */
void resp_json(struct response *resp, int status, json_object *obj);

/* Sends {"message": "..."} with this status. */
void resp_message(struct response *resp, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* 204 No Content. */
void resp_no_content(struct response *resp);

/* 201 Created with an empty body and Location: <base URL><path>. */
void resp_created(struct request *req, struct response *resp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Validation messages gathered while checking a body. */
struct errors {
    json_object *list;        /* array of strings, created on the first add */
    struct buffer joined;
};

void errors_add(struct errors *errors, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool errors_any(const struct errors *errors);

/* 400 {"message": "<every error>", "errors": [...]}; frees the errors. */
void resp_errors(struct response *resp, struct errors *errors);
void errors_free(struct errors *errors);

/* A query-string argument, or NULL. */
const char *req_query(struct request *req, const char *name);

/* Parses the body as a JSON object.  Returns it (caller puts it), or NULL
 * after setting a 400 on resp when it is missing (and required) or invalid.
 * When the body is empty and not required, returns an empty object. */
json_object *req_json_body(struct request *req, struct response *resp, bool required);

struct paging {
    long page;
    long per_page;
};

/* Reads page and per_page (defaults 1 and 25, per_page capped at 100).
 * Returns false after setting a 400 on resp when either is not a number. */
bool req_paging(struct request *req, struct response *resp, struct paging *paging);

/* The list envelope: count, total (null under the total-null quirk), _links
 * (self, first, prev, next, last) on `path` with `extra_query` ("query=x&",
 * or "") and _embedded.<plural> = rows (taken). */
json_object *list_envelope(struct request *req, const char *plural, const char *path,
                           const char *extra_query, long total, const struct paging *paging,
                           json_object *rows);

/* Percent-encodes text for a query string into out (caller frees). */
char *url_encode(const char *text);

/* Finds the route for req->method and req->api_path and runs it, or sets a
 * 404/405.  Implemented in routes.c. */
void routes_dispatch(struct request *req, struct response *resp);

/* Serves the /_sandbox/ control endpoints.  Implemented in control.c. */
void control_dispatch(struct request *req, struct response *resp);

#endif
