/* api_session.c: the state every client shares: the checked base URL, the
 * key, limits, the trace file and the rate-limit state behind a mutex. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "api_internal.h"

/* True for "localhost", an address in 127.0.0.0/8, or ::1. */
static bool
host_is_loopback(const char *host)
{
    struct in_addr v4;
    struct in6_addr v6;
    char bare[64];
    size_t length = strlen(host);

    if (strcasecmp(host, "localhost") == 0)
        return true;
    if (inet_pton(AF_INET, host, &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    if (length < 2 || length - 2 >= sizeof bare || host[0] != '[' || host[length - 1] != ']')
        return false;
    memcpy(bare, host + 1, length - 2);
    bare[length - 2] = '\0';
    return inet_pton(AF_INET6, bare, &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

/* Reads one part of a URL; NULL when absent.  Free with curl_free(). */
static char *
url_part(CURLU *url, CURLUPart part)
{
    char *value = NULL;

    if (curl_url_get(url, part, &value, 0) != CURLUE_OK)
        return NULL;
    return value;
}

/* Accepts https:// anywhere and http:// only to a loopback host, so the key
 * never crosses a network in clear text. */
static int
check_base_url(struct api_session *session, const char *base_url, struct api_error *err)
{
    CURLU *url = curl_url();
    char *scheme = NULL, *host = NULL, *query = NULL;
    int result = 0;

    if (url == NULL || curl_url_set(url, CURLUPART_URL, base_url, 0) != CURLUE_OK) {
        result = api_error_set(err, API_ERR_CONFIG, "the base URL \"%s\" is not a valid URL; use e.g. %s",
                               base_url, API_DEFAULT_BASE_URL);
        goto done;
    }
    scheme = url_part(url, CURLUPART_SCHEME);
    host = url_part(url, CURLUPART_HOST);
    query = url_part(url, CURLUPART_QUERY);
    session->loopback = host != NULL && host_is_loopback(host);

    if (query != NULL)
        result = api_error_set(err, API_ERR_CONFIG, "the base URL \"%s\" has a query; remove it", base_url);
    else if (scheme != NULL && strcmp(scheme, "https") == 0)
        session->protocols = "https";
    else if (scheme != NULL && strcmp(scheme, "http") == 0 && session->loopback)
        session->protocols = "http,https";
    else if (scheme != NULL && strcmp(scheme, "http") == 0)
        result = api_error_set(err, API_ERR_CONFIG,
                               "plain http:// is refused for %s because the API key would cross the network "
                               "unencrypted; use https://", host ? host : base_url);
    else
        result = api_error_set(err, API_ERR_CONFIG, "the base URL \"%s\" must start with https://", base_url);
done:
    curl_free(scheme);
    curl_free(host);
    curl_free(query);
    curl_url_cleanup(url);
    return result;
}

static char *
copy_base_url(const char *base_url)
{
    char *copy = strdup(base_url);
    size_t length = copy ? strlen(copy) : 0;

    while (length > 0 && copy[length - 1] == '/')
        copy[--length] = '\0';
    return copy;
}

static int
open_trace(struct api_session *session, const char *path, struct api_error *err)
{
    if (path == NULL)
        path = getenv("CATS_ADMIN_TRACE");
    if (path == NULL || *path == '\0')
        return 0;

    session->trace_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (session->trace_fd < 0)
        return api_error_set(err, API_ERR_IO, "cannot open the trace file %s: %s; fix CATS_ADMIN_TRACE",
                             path, strerror(errno));
    return 0;
}

static int
check_key(const char *key, struct api_error *err)
{
    if (key == NULL || *key == '\0')
        return api_error_set(err, API_ERR_CONFIG, "no API key is set; set CATS_API_KEY");
    for (const char *c = key; *c; c++)
        if ((unsigned char)*c <= ' ' || *c == 0x7f)
            return api_error_set(err, API_ERR_CONFIG,
                                 "the API key contains a space or control character; check how it was copied");
    return 0;
}

static void
apply_defaults(struct api_session *session, const struct api_session_config *cfg)
{
    session->connect_timeout_ms = cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms
                                                              : API_DEFAULT_CONNECT_TIMEOUT_MS;
    session->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : API_DEFAULT_TIMEOUT_MS;
    session->max_body = cfg->max_body > 0 ? cfg->max_body : API_DEFAULT_MAX_BODY;
    session->rate_limit = -1;
    session->rate_remaining = -1;
    session->trace_fd = -1;
}

static int
fill_session(struct api_session *session, const struct api_session_config *cfg, struct api_error *err)
{
    const char *base_url = cfg->base_url ? cfg->base_url : API_DEFAULT_BASE_URL;
    size_t header_size;

    apply_defaults(session, cfg);
    if (check_key(cfg->api_key, err) != 0 || check_base_url(session, base_url, err) != 0)
        return -1;

    header_size = strlen(cfg->api_key) + sizeof "Authorization: Token ";
    session->base_url = copy_base_url(base_url);
    session->auth_header = malloc(header_size);
    session->ca_file = cfg->ca_file ? strdup(cfg->ca_file) : NULL;
    if (session->base_url == NULL || session->auth_header == NULL || (cfg->ca_file && !session->ca_file))
        return api_error_set(err, API_ERR_IO, "out of memory while creating the session");
    snprintf(session->auth_header, header_size, "Authorization: Token %s", cfg->api_key);

    return open_trace(session, cfg->trace_path, err);
}

struct api_session *
api_session_new(const struct api_session_config *cfg, struct api_error *err)
{
    struct api_session *session = calloc(1, sizeof *session);

    api_error_clear(err);
    if (session == NULL) {
        api_error_set(err, API_ERR_IO, "out of memory while creating the session");
        return NULL;
    }
    pthread_mutex_init(&session->lock, NULL);
    atomic_init(&session->cancelled, false);
    curl_global_init(CURL_GLOBAL_DEFAULT);

    if (fill_session(session, cfg, err) != 0) {
        api_session_free(session);
        return NULL;
    }
    return session;
}

void
api_session_free(struct api_session *session)
{
    if (session == NULL)
        return;
    if (session->trace_fd >= 0)
        close(session->trace_fd);
    if (session->auth_header != NULL)
        explicit_bzero(session->auth_header, strlen(session->auth_header));
    free(session->auth_header);
    free(session->base_url);
    free(session->ca_file);
    pthread_mutex_destroy(&session->lock);
    free(session);
    curl_global_cleanup();
}

const char *
api_session_base_url(const struct api_session *session)
{
    return session->base_url;
}

/* ---- rate limit ---- */

static long
ms_until(const struct timespec *deadline)
{
    struct timespec now;
    long long ms;

    if (deadline->tv_sec == 0 && deadline->tv_nsec == 0)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
    return ms > 0 ? (long)ms : 0;
}

void
api_session_note_response(struct api_session *session, const struct api_response *response)
{
    const struct api_headers *headers = &response->headers;

    pthread_mutex_lock(&session->lock);
    if (headers->rate_limit >= 0)
        session->rate_limit = headers->rate_limit;
    if (headers->rate_remaining >= 0)
        session->rate_remaining = headers->rate_remaining;
    if (response->status == 429) {
        clock_gettime(CLOCK_MONOTONIC, &session->retry_until);
        session->retry_until.tv_sec += headers->retry_after > 0 ? headers->retry_after : 0;
        if (headers->retry_after >= 0 && session->rate_remaining < 0)
            session->rate_remaining = 0;
    }
    pthread_mutex_unlock(&session->lock);
}

void
api_session_rate_limit(struct api_session *session, struct api_rate_limit *out)
{
    pthread_mutex_lock(&session->lock);
    out->limit = session->rate_limit;
    out->remaining = session->rate_remaining;
    out->retry_in_ms = ms_until(&session->retry_until);
    pthread_mutex_unlock(&session->lock);
}

/* ---- trace ---- */

/* Writes "TIME METHOD PATH STATUS MSms BYTES ID": the path is relative to
 * the base URL, so neither the key (a header) nor a body (a webhook secret)
 * can appear. */
void
api_session_trace(struct api_session *session, const struct api_request *request,
                  const struct api_response *response, long elapsed_ms, int64_t bytes)
{
    char line[2048], when[32];
    time_t now = time(NULL);
    struct tm tm;
    int length;

    if (session->trace_fd < 0)
        return;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    length = snprintf(line, sizeof line, "%s %s %s %03ld %ldms %lldB %s\n", when, request->method,
                      request->path, response->status, elapsed_ms, (long long)bytes,
                      response->headers.request_id[0] ? response->headers.request_id : "-");
    if (length < 0)
        return;
    if ((size_t)length >= sizeof line) {
        length = (int)sizeof line - 1;
        line[length - 1] = '\n';
    }

    /* One write() per line on an O_APPEND descriptor keeps lines whole when
     * several threads trace at once. */
    if (write(session->trace_fd, line, (size_t)length) < 0) {
        /* A full disk must not fail the request; the trace is best effort. */
    }
}

void
api_session_cancel(struct api_session *session)
{
    atomic_store(&session->cancelled, true);
}
