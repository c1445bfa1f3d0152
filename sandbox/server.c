/* server.c: the libmicrohttpd glue and the order every request goes
 * through: control endpoints, 415 for multipart, 401 for a bad key (before
 * routing, as CATS does), the rate limit, injected faults, the route, and
 * finally the request log line. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server.h"
#include "webhook.h"

#define BODY_MAX (16L * 1024 * 1024)
#define CONNECTION_TIMEOUT_SECONDS 120

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* Called by libmicrohttpd with the raw request target before anything else;
 * what it returns becomes the request's context. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *connection)
{
    struct request *req = util_xcalloc(1, sizeof *req);

    req->app = cls;
    req->connection = connection;
    req->target = util_xstrdup(uri ? uri : "");
    req->start_time = util_now_seconds();
    util_uuid(req->request_id);
    return req;
}

/* The target as logged: the key is masked if a client put it in the query
 * string, and bytes that are not printable ASCII are percent-encoded. */
static void
log_target(const struct request *req, struct buffer *out)
{
    const char *key = req->app->key;
    const char *query = strchr(req->target, '?');
    const char *found = query ? strstr(query, key) : NULL;
    size_t key_len = strlen(key);

    for (const char *p = req->target; *p; p++) {
        if (found && p == found) {
            buffer_append(out, "[key]", 5);
            p += key_len - 1;
            continue;
        }
        if (isprint((unsigned char)*p) && *p != ' ')
            buffer_append(out, p, 1);
        else
            buffer_appendf(out, "%%%02X", (unsigned char)*p);
    }
}

static void
on_completed(void *cls, struct MHD_Connection *connection, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    struct request *req = *con_cls;
    struct buffer line = { 0 };

    if (req == NULL)
        return;
    buffer_appendf(&line, "%s ", req->method ? req->method : "-");
    log_target(req, &line);
    buffer_appendf(&line, " %03d %.2fms\n", req->status, (util_now_seconds() - req->start_time) * 1000.0);
    pthread_mutex_lock(&log_lock);
    fputs(line.data, stderr);
    pthread_mutex_unlock(&log_lock);

    buffer_free(&line);
    buffer_free(&req->body);
    free(req->target);
    free(req);
    *con_cls = NULL;
}

static const char error_page[] =
    "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n"
    "<body><h1>Internal Server Error</h1>\n<p>The server encountered an internal error "
    "and was unable to complete your request.</p>\n<hr><address>cats-sandbox (injected fault)"
    "</address></body></html>\n";

static void
resp_server_error(struct response *resp)
{
    resp->status = 500;
    resp->body.len = 0;
    buffer_append(&resp->body, error_page, sizeof error_page - 1);
    resp->content_type = "text/html; charset=utf-8";
}

static bool
is_multipart(struct request *req)
{
    const char *type = MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_CONTENT_TYPE);

    return type && strncasecmp(type, "multipart/", 10) == 0;
}

/* Compares the Authorization header with "Token KEY" in constant time. */
static bool
is_authorized(struct request *req)
{
    const char *header = MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_AUTHORIZATION);
    const char *key = req->app->key;
    size_t key_len = strlen(key);
    unsigned char diff = 0;

    if (header == NULL || strncmp(header, "Token ", 6) != 0 || strlen(header + 6) != key_len)
        return false;
    for (size_t i = 0; i < key_len; i++)
        diff |= (unsigned char)(header[6 + i] ^ key[i]);
    return diff == 0;
}

static void
snapshot_render(struct request *req)
{
    bool quirks[QUIRK_COUNT];

    settings_quirks(&req->app->settings, quirks);
    req->render.store = &req->app->store;
    req->render.href_no_slash = quirks[QUIRK_HREF_NO_SLASH];
    req->render.string_id = quirks[QUIRK_STRING_ID];
    req->render.mixed_offsets = quirks[QUIRK_MIXED_OFFSETS];
    req->render.total_null = quirks[QUIRK_TOTAL_NULL];
    req->render.backup_seconds = req->app->backup_seconds;
    req->render.root_url = req->app->root_url;
}

/* Runs the API pipeline for a /v3 request.  Returns false when the
 * connection must be closed without a response (the disconnect fault). */
static bool
handle_api(struct request *req, struct response *resp, struct fault_plan *plan)
{
    struct app *app = req->app;

    if (is_multipart(req)) {
        resp_message(resp, 415, "Unsupported Content-Type.");
        return true;
    }
    if (!is_authorized(req)) {
        resp_message(resp, 401, "Invalid credentials.");
        return true;
    }

    resp->rate_headers = true;
    if (!ratelimit_take(&app->ratelimit, util_now_seconds(), &resp->rate_limit,
                        &resp->rate_remaining, &resp->retry_after)) {
        resp_message(resp, 429, "Too many requests. Retry after %ld seconds.", resp->retry_after);
        return true;
    }

    settings_plan(&app->settings, req->api_path, plan);
    util_sleep_ms(plan->delay_ms + plan->stall_ms, &app->stopping);
    if (plan->disconnect)
        return false;
    if (plan->throttle) {
        resp->retry_after = plan->retry_after;
        resp_message(resp, 429, "Too many requests. Retry after %ld seconds.", plan->retry_after);
        return true;
    }
    if (plan->server_error) {
        resp_server_error(resp);
        return true;
    }
    if (req->body_too_large) {
        resp_message(resp, 413, "The request body is larger than %ld bytes.", BODY_MAX);
        return true;
    }

    snapshot_render(req);
    routes_dispatch(req, resp);
    return true;
}

/* A body that is sent only up to sent_len, short of its Content-Length. */
struct partial_body {
    char *data;
    size_t sent_len;
};

static ssize_t
read_partial(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct partial_body *part = cls;
    size_t left;

    if (pos >= part->sent_len)
        return MHD_CONTENT_READER_END_WITH_ERROR;
    left = part->sent_len - (size_t)pos;
    if (left > max)
        left = max;
    memcpy(buf, part->data + pos, left);
    return (ssize_t)left;
}

static void
free_partial(void *cls)
{
    struct partial_body *part = cls;

    free(part->data);
    free(part);
}

static struct MHD_Response *
build_body(struct response *resp, const struct fault_plan *plan)
{
    bool is_json = resp->content_type && strstr(resp->content_type, "json");

    if (resp->stream)
        return MHD_create_response_from_callback(resp->stream_size, 64 * 1024, resp->stream, NULL, NULL);

    if (plan->malformed && is_json && resp->body.len > 1) {
        resp->body.len /= 2;
        resp->body.data[resp->body.len] = '\0';
    }
    if (plan->truncate && resp->body.len > 1) {
        struct partial_body *part = util_xmalloc(sizeof *part);

        part->data = resp->body.data;
        part->sent_len = resp->body.len / 2;
        resp->body.data = NULL;
        return MHD_create_response_from_callback(resp->body.len, 4096, read_partial, part, free_partial);
    }
    return MHD_create_response_from_buffer(resp->body.len, resp->body.data ? resp->body.data : "",
                                           MHD_RESPMEM_MUST_COPY);
}

static void
add_header_long(struct MHD_Response *response, const char *name, long value)
{
    char text[32];

    snprintf(text, sizeof text, "%ld", value);
    MHD_add_response_header(response, name, text);
}

static enum MHD_Result
send_response(struct request *req, struct response *resp, const struct fault_plan *plan)
{
    struct MHD_Response *response = build_body(resp, plan);
    enum MHD_Result result;

    MHD_add_response_header(response, "x-request-id", req->request_id);
    if (resp->content_type)
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
    if (resp->location[0])
        MHD_add_response_header(response, MHD_HTTP_HEADER_LOCATION, resp->location);
    if (resp->disposition)
        MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_DISPOSITION, resp->disposition);
    if (resp->retry_after > 0 && resp->status == 429)
        add_header_long(response, MHD_HTTP_HEADER_RETRY_AFTER, resp->retry_after);
    if (resp->rate_headers) {
        add_header_long(response, "X-Rate-Limit-Limit", resp->rate_limit);
        add_header_long(response, "X-Rate-Limit-Remaining", resp->rate_remaining);
    }

    req->status = resp->status;
    result = MHD_queue_response(req->connection, (unsigned int)resp->status, response);
    MHD_destroy_response(response);
    return result;
}

static enum MHD_Result
process(struct request *req)
{
    struct response resp = { .status = 500 };
    struct fault_plan plan = { 0 };
    enum MHD_Result result = MHD_YES;

    if (strncmp(req->path, "/_sandbox/", 10) == 0) {
        req->api_path = req->path;
        snapshot_render(req);
        control_dispatch(req, &resp);
    } else if (strncmp(req->path, "/v3/", 4) == 0 || strcmp(req->path, "/v3") == 0) {
        req->api_path = req->path + 3;
        if (!handle_api(req, &resp, &plan))
            result = MHD_NO;
    } else {
        resp_message(&resp, 404, "Not found. The API is served under /v3, e.g. /v3/tasks.");
    }

    if (result == MHD_YES)
        result = send_response(req, &resp, &plan);
    buffer_free(&resp.body);
    free(resp.disposition);
    return result;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    struct request *req = *con_cls;

    if (!req->headers_seen) {
        req->headers_seen = true;
        req->method = method;
        req->path = url;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (req->body.len + *upload_data_size > (size_t)BODY_MAX)
            req->body_too_large = true;
        else
            buffer_append(&req->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return process(req);
}

/* Prefixes libmicrohttpd's own error messages like every other log line
 * that is not a request. */
static void
log_library_error(void *cls, const char *fmt, va_list args)
{
    struct buffer line = { 0 };
    char text[1024];

    vsnprintf(text, sizeof text, fmt, args);
    buffer_appendf(&line, "cats-sandbox: libmicrohttpd: %s", text);
    if (line.data[line.len - 1] != '\n')
        buffer_append(&line, "\n", 1);
    pthread_mutex_lock(&log_lock);
    fputs(line.data, stderr);
    pthread_mutex_unlock(&log_lock);
    buffer_free(&line);
}

struct MHD_Daemon *
server_start(struct app *app, int listen_fd)
{
    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0,
        NULL, NULL, on_request, app,
        MHD_OPTION_EXTERNAL_LOGGER, log_library_error, NULL,
        MHD_OPTION_LISTEN_SOCKET, listen_fd,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, app,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, app,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)CONNECTION_TIMEOUT_SECONDS,
        MHD_OPTION_END);

    if (daemon == NULL)
        fprintf(stderr, "cats-sandbox: libmicrohttpd failed to start on the listening socket\n");
    return daemon;
}
