/* api_http.c: the request core: one reused curl easy handle per client,
 * response headers and bodies collected under the session's size cap. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "api_internal.h"
#include "version.h"

#define MAX_REDIRECTS 5

struct api_client *
api_client_new(struct api_session *session, struct api_error *err)
{
    struct api_client *client = calloc(1, sizeof *client);

    api_error_clear(err);
    if (client != NULL)
        client->curl = curl_easy_init();
    if (client == NULL || client->curl == NULL) {
        free(client);
        api_error_set(err, API_ERR_IO, "cannot create a curl handle (out of memory)");
        return NULL;
    }
    client->session = session;
    return client;
}

void
api_client_free(struct api_client *client)
{
    if (client == NULL)
        return;
    curl_easy_cleanup(client->curl);
    free(client);
}

long
api_client_connections(const struct api_client *client)
{
    return client->connections;
}

void
api_response_free(struct api_response *response)
{
    free(response->body);
    response->body = NULL;
    response->length = 0;
}

/* ---- response headers ---- */

struct transfer {
    struct api_client *client;
    const struct api_request *request;
    struct api_response *response;
    size_t capacity;
};

static void
reset_headers(struct api_headers *headers)
{
    memset(headers, 0, sizeof *headers);
    headers->retry_after = -1;
    headers->rate_limit = -1;
    headers->rate_remaining = -1;
}

static long
parse_count(const char *value)
{
    char *end;
    long number;

    errno = 0;
    number = strtol(value, &end, 10);
    if (errno != 0 || end == value || number < 0)
        return -1;
    return number;
}

/* Retry-After is either seconds or an HTTP date. */
static long
parse_retry_after(const char *value)
{
    time_t when;

    if (*value >= '0' && *value <= '9')
        return parse_count(value);
    when = curl_getdate(value, NULL);
    if (when < 0)
        return -1;
    return when > time(NULL) ? (long)(when - time(NULL)) : 0;
}

#define STRING_HEADER(header, field) \
    { header, offsetof(struct api_headers, field), sizeof(((struct api_headers *)0)->field), NULL }
#define NUMBER_HEADER(header, field, parser) { header, offsetof(struct api_headers, field), 0, parser }

/* Where each header that the client reads goes: a string field copied as
 * is, or a number field set by its parser. */
static const struct {
    const char *name;
    size_t offset;
    size_t size;
    long (*parse)(const char *value);
} header_table[] = {
    STRING_HEADER("content-type", content_type),
    STRING_HEADER("location", location),
    STRING_HEADER("x-request-id", request_id),
    STRING_HEADER("content-disposition", disposition),
    NUMBER_HEADER("retry-after", retry_after, parse_retry_after),
    NUMBER_HEADER("x-rate-limit-limit", rate_limit, parse_count),
    NUMBER_HEADER("x-rate-limit-remaining", rate_remaining, parse_count),
};

static void
store_header(struct api_headers *headers, const char *name, const char *value)
{
    for (size_t i = 0; i < sizeof header_table / sizeof header_table[0]; i++) {
        char *field = (char *)headers + header_table[i].offset;
        if (strcasecmp(name, header_table[i].name) != 0)
            continue;
        if (header_table[i].parse != NULL)
            *(long *)(void *)field = header_table[i].parse(value);
        else
            snprintf(field, header_table[i].size, "%s", value);
    }
}

/* Splits "Name: value\r\n" and hands the trimmed value to the table entry
 * for Name.  A status line starts a new response (after a redirect or a
 * 100 Continue), so it clears what the previous one set. */
static size_t
on_header(char *data, size_t size, size_t count, void *user)
{
    struct transfer *transfer = user;
    size_t length = size * count;
    char line[1024], *colon, *value, *end;

    if (length >= 5 && strncmp(data, "HTTP/", 5) == 0)
        reset_headers(&transfer->response->headers);
    if (length >= sizeof line || (colon = memchr(data, ':', length)) == NULL)
        return length;

    memcpy(line, data, length);
    line[length] = '\0';
    colon = line + (colon - data);
    *colon = '\0';
    for (value = colon + 1; *value == ' ' || *value == '\t'; value++)
        ;
    for (end = value + strlen(value); end > value && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '); end--)
        ;
    *end = '\0';

    store_header(&transfer->response->headers, line, value);
    return length;
}

/* ---- response bodies ---- */

static bool
status_ok(long status)
{
    return status >= 200 && status <= 299;
}

static size_t
write_all(int fd, const char *data, size_t length)
{
    size_t done = 0;

    while (done < length) {
        ssize_t wrote = write(fd, data + done, length - done);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            return 0;
        done += (size_t)wrote;
    }
    return length;
}

static size_t
stream_body(struct transfer *transfer, const char *data, size_t length)
{
    if (write_all(transfer->request->download_fd, data, length) != length) {
        transfer->response->write_failed = true;
        transfer->response->write_errno = errno;
        return 0;
    }
    transfer->response->written += (int64_t)length;
    return length;
}

/* Appends to the body in memory; aborts the transfer (by returning 0) once
 * the body would pass the session's cap. */
static size_t
keep_body(struct transfer *transfer, const char *data, size_t length)
{
    struct api_response *response = transfer->response;
    size_t needed = response->length + length + 1;

    if (response->length + length > transfer->client->session->max_body) {
        response->too_large = true;
        return 0;
    }
    if (needed > transfer->capacity) {
        size_t capacity = transfer->capacity ? transfer->capacity : 4096;
        while (capacity < needed)
            capacity *= 2;
        char *grown = realloc(response->body, capacity);
        if (grown == NULL)
            return 0;
        response->body = grown;
        transfer->capacity = capacity;
    }
    memcpy(response->body + response->length, data, length);
    response->length += length;
    response->body[response->length] = '\0';
    return length;
}

static size_t
on_body(char *data, size_t size, size_t count, void *user)
{
    struct transfer *transfer = user;
    long status = 0;

    curl_easy_getinfo(transfer->client->curl, CURLINFO_RESPONSE_CODE, &status);
    if (transfer->request->download_fd >= 0 && status_ok(status))
        return stream_body(transfer, data, size * count);
    return keep_body(transfer, data, size * count);
}

static size_t
on_upload(char *buffer, size_t size, size_t count, void *user)
{
    FILE *file = user;
    size_t got = fread(buffer, 1, size * count, file);

    if (got == 0 && ferror(file))
        return CURL_READFUNC_ABORT;
    return got;
}

/* ---- the request ---- */

static struct curl_slist *
request_headers(const struct api_session *session, const struct api_request *request)
{
    struct curl_slist *list = NULL;

    list = curl_slist_append(list, session->auth_header);
    list = curl_slist_append(list, request->download_fd >= 0 ? "Accept: */*" : "Accept: application/json");
    /* An empty Expect: stops curl waiting for "100 Continue" before a body. */
    list = curl_slist_append(list, "Expect:");
    if (request->json_body != NULL)
        list = curl_slist_append(list, "Content-Type: application/json");
    if (request->upload != NULL)
        list = curl_slist_append(list, "Content-Type: application/octet-stream");
    return list;
}

static void
set_protocols(CURL *curl, const struct api_session *session)
{
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, session->protocols);
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, session->protocols);
#else
    long mask = strcmp(session->protocols, "https") == 0 ? CURLPROTO_HTTPS : CURLPROTO_HTTP | CURLPROTO_HTTPS;
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS, mask);
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS, mask);
#endif
}

static void
set_limits(CURL *curl, const struct api_session *session, const struct api_request *request)
{
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, session->connect_timeout_ms);
    if (request->download_fd >= 0 || request->upload != NULL) {
        /* A file may take long in total; give up only when it stalls. */
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, session->timeout_ms / 1000 > 0 ? session->timeout_ms / 1000 : 1L);
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(curl, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
    } else {
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, session->timeout_ms);
    }
}

static void
set_method(CURL *curl, const struct api_request *request)
{
    if (request->upload != NULL) {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_upload);
        curl_easy_setopt(curl, CURLOPT_READDATA, request->upload);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, request->upload_size);
    } else if (request->json_body != NULL) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request->json_body);
    }
    if (strcmp(request->method, "GET") != 0 && strcmp(request->method, "POST") != 0)
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request->method);
}

/* libcurl calls this about once a second, and more often while data
 * flows; a non-zero return aborts the transfer. */
static int
on_progress(void *user, curl_off_t dl_total, curl_off_t dl_now, curl_off_t ul_total, curl_off_t ul_now)
{
    const struct api_session *session = user;

    return atomic_load(&session->cancelled) ? 1 : 0;
}

static void
set_options(struct transfer *transfer, const char *url, struct curl_slist *headers, char *error_text)
{
    const struct api_session *session = transfer->client->session;
    CURL *curl = transfer->client->curl;

    /* Reset keeps the connection cache, so the next request reuses it. */
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, cats_user_agent());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (session->ca_file != NULL)
        curl_easy_setopt(curl, CURLOPT_CAINFO, session->ca_file);
    /* A proxy cannot reach this machine's loopback server. */
    if (session->loopback)
        curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    set_protocols(curl, session);
    set_limits(curl, session, transfer->request);
    set_method(curl, transfer->request);

    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, (void *)session);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, transfer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, transfer);
}

static int
check_result(const struct transfer *transfer, CURLcode code, const char *error_text, struct api_error *err)
{
    const struct api_response *response = transfer->response;

    if (response->too_large)
        api_error_set(err, API_ERR_TOO_LARGE, "the response passed the %zu byte cap; raise the size cap",
                      transfer->client->session->max_body);
    else if (response->write_failed)
        api_error_set(err, API_ERR_IO, "writing the downloaded file failed: %s",
                      strerror(response->write_errno));
    else if (code == CURLE_ABORTED_BY_CALLBACK && atomic_load(&transfer->client->session->cancelled))
        api_error_set(err, API_ERR_CANCELLED, "the request was cancelled because cats-admin is stopping");
    else if (code != CURLE_OK)
        api_error_from_curl(err, code, error_text);
    else if (!status_ok(response->status))
        api_error_from_status(err, response);

    err->status = response->status;
    snprintf(err->request_id, sizeof err->request_id, "%s", response->headers.request_id);
    return err->kind == API_OK ? 0 : -1;
}

static void
record_transfer(struct transfer *transfer)
{
    struct api_client *client = transfer->client;
    long connects = 0;
    curl_off_t micros = 0, bytes = 0;

    curl_easy_getinfo(client->curl, CURLINFO_RESPONSE_CODE, &transfer->response->status);
    curl_easy_getinfo(client->curl, CURLINFO_NUM_CONNECTS, &connects);
    curl_easy_getinfo(client->curl, CURLINFO_TOTAL_TIME_T, &micros);
    curl_easy_getinfo(client->curl, CURLINFO_SIZE_DOWNLOAD_T, &bytes);
    client->connections += connects;

    if (transfer->response->status > 0)
        api_session_note_response(client->session, transfer->response);
    api_session_trace(client->session, transfer->request, transfer->response, (long)(micros / 1000),
                      (int64_t)bytes);
}

int
api_perform(struct api_client *client, const struct api_request *request, struct api_response *response,
            struct api_error *err)
{
    struct transfer transfer = { .client = client, .request = request, .response = response };
    char error_text[CURL_ERROR_SIZE] = "";
    struct curl_slist *headers;
    char *url;
    CURLcode code;

    api_error_clear(err);
    memset(response, 0, sizeof *response);
    reset_headers(&response->headers);
    if (atomic_load(&client->session->cancelled))
        return api_error_set(err, API_ERR_CANCELLED, "the request was cancelled because cats-admin is stopping");
    if (asprintf(&url, "%s%s", client->session->base_url, request->path) < 0)
        return api_error_set(err, API_ERR_IO, "out of memory while building the URL");

    headers = request_headers(client->session, request);
    set_options(&transfer, url, headers, error_text);
    code = curl_easy_perform(client->curl);
    record_transfer(&transfer);

    curl_slist_free_all(headers);
    free(url);
    return check_result(&transfer, code, error_text, err);
}
