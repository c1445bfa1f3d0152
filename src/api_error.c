/* api_error.c: builds struct api_error values from HTTP statuses, bodies and
 * curl failures, and turns them into one status-line sentence. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "api_internal.h"

/* Status-line text for each kind: its short name, the sentence that opens
 * the status line, and what the user can do about it (may be ""). */
struct kind_text {
    const char *name;
    const char *lead;
    const char *hint;
};

static const struct kind_text kind_texts[API_ERR_KIND_COUNT] = {
    [API_OK] = { "ok", "Done", "" },
    [API_ERR_NETWORK] = { "network", "Could not reach CATS", "Check the network and proxy settings." },
    [API_ERR_TIMEOUT] = { "timeout", "CATS did not respond in time", "Try again, or raise the timeout." },
    [API_ERR_TLS] = { "TLS", "The TLS connection to CATS failed", "Check the system's CA certificates." },
    [API_ERR_AUTH] = { "auth", "CATS rejected the API key", "Check CATS_API_KEY or the key file." },
    [API_ERR_NOT_FOUND] = { "not found", "Not found", "" },
    [API_ERR_INVALID] = { "invalid", "CATS rejected the request", "Correct the values and send again." },
    [API_ERR_UNSUPPORTED_MEDIA] = { "unsupported media", "CATS rejected the content type", "" },
    [API_ERR_RATE_LIMITED] = { "rate limited", "CATS's rate limit is reached", "" },
    [API_ERR_SERVER] = { "server", "CATS failed", "Try again later." },
    [API_ERR_HTTP] = { "HTTP", "CATS returned an unexpected status", "" },
    [API_ERR_BAD_JSON] = { "bad JSON", "CATS sent invalid JSON", "" },
    [API_ERR_TRUNCATED] = { "truncated", "The response from CATS was cut short", "Try again." },
    [API_ERR_CONTENT_TYPE] = { "content type", "CATS sent something other than JSON", "" },
    [API_ERR_TOO_LARGE] = { "too large", "The response from CATS is too large", "" },
    [API_ERR_CONFIG] = { "configuration", "Invalid configuration", "" },
    [API_ERR_ARGUMENT] = { "argument", "Invalid request", "" },
    [API_ERR_IO] = { "I/O", "A local file operation failed", "" },
    [API_ERR_CANCELLED] = { "cancelled", "The request was cancelled", "" },
};

void
api_error_clear(struct api_error *err)
{
    memset(err, 0, sizeof *err);
    err->kind = API_OK;
    err->retry_after = -1;
}

const char *
api_error_kind_name(enum api_error_kind kind)
{
    if ((unsigned)kind >= API_ERR_KIND_COUNT)
        return "unknown";
    return kind_texts[kind].name;
}

/* Replaces control characters (a body may carry any byte) with spaces and
 * squeezes runs of spaces, so the message stays on one line. */
static void
flatten_line(char *text)
{
    char *out = text;
    bool space = true;

    for (const char *in = text; *in; in++) {
        bool is_space = (unsigned char)*in < 0x20 || *in == 0x7f || *in == ' ';
        if (is_space && space)
            continue;
        *out++ = is_space ? ' ' : *in;
        space = is_space;
    }
    while (out > text && out[-1] == ' ')
        out--;
    *out = '\0';
}

int
api_error_set(struct api_error *err, enum api_error_kind kind, const char *format, ...)
{
    va_list args;

    err->kind = kind;
    va_start(args, format);
    vsnprintf(err->message, sizeof err->message, format, args);
    va_end(args);
    flatten_line(err->message);
    return -1;
}

static const char *
ends_with_stop(const char *text)
{
    size_t length = strlen(text);

    return length > 0 && strchr(".!?", text[length - 1]) ? "" : ".";
}

char *
api_error_describe(const struct api_error *err, char *buf, size_t size)
{
    const struct kind_text *text = &kind_texts[(unsigned)err->kind < API_ERR_KIND_COUNT ? err->kind : API_ERR_HTTP];
    char status[32] = "", retry[64] = "", request[API_REQUEST_ID_MAX + 16] = "";

    if (size == 0)
        return buf;

    if (err->status > 0)
        snprintf(status, sizeof status, " (HTTP %ld)", err->status);
    if (err->kind == API_ERR_RATE_LIMITED && err->retry_after >= 0)
        snprintf(retry, sizeof retry, " Retry in %ld seconds.", err->retry_after);
    if (err->request_id[0] != '\0')
        snprintf(request, sizeof request, " Request id %s.", err->request_id);

    if (err->message[0] != '\0')
        snprintf(buf, size, "%s%s: %s%s%s%s%s%s", text->lead, status, err->message,
                 ends_with_stop(err->message), *text->hint ? " " : "", text->hint, retry, request);
    else
        snprintf(buf, size, "%s%s.%s%s%s%s", text->lead, status, *text->hint ? " " : "", text->hint,
                 retry, request);
    return buf;
}

/* ---- bodies of failed responses ---- */

static enum api_error_kind
kind_of_status(long status)
{
    static const struct { long status; enum api_error_kind kind; } table[] = {
        { 400, API_ERR_INVALID }, { 401, API_ERR_AUTH }, { 404, API_ERR_NOT_FOUND },
        { 415, API_ERR_UNSUPPORTED_MEDIA }, { 429, API_ERR_RATE_LIMITED },
    };

    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].status == status)
            return table[i].kind;
    return status >= 500 && status <= 599 ? API_ERR_SERVER : API_ERR_HTTP;
}

/* Appends the strings of a JSON "errors" array (or the "message" of each
 * object in it) to CATS's "message", since a 400 may list several.  A
 * string that the message already contains is not repeated. */
static void
append_error_list(char *buf, size_t size, struct json_object *errors)
{
    size_t count = json_object_array_length(errors);

    for (size_t i = 0; i < count; i++) {
        struct json_object *item = json_object_array_get_idx(errors, i);
        const char *text = json_object_is_type(item, json_type_string) ? json_object_get_string(item)
                                                                       : api_json_string(item, "message");
        size_t used = strlen(buf);

        if (text != NULL && strstr(buf, text) == NULL && used + 1 < size)
            snprintf(buf + used, size - used, "%s%s", used > 0 ? "; " : "", text);
    }
}

/* Copies the message of a JSON error body; returns false when the body is
 * not a JSON object with a message or error list. */
static bool
json_message(char *buf, size_t size, const char *body, size_t length)
{
    struct json_tokener *tokener = json_tokener_new();
    struct json_object *root = json_tokener_parse_ex(tokener, body, (int)length);
    struct json_object *errors = NULL;
    const char *message = api_json_string(root, "message");

    json_tokener_free(tokener);
    if (message != NULL)
        snprintf(buf, size, "%s", message);
    if (json_object_object_get_ex(root, "errors", &errors) && json_object_is_type(errors, json_type_array))
        append_error_list(buf, size, errors);
    json_object_put(root);
    return buf[0] != '\0';
}

/* Finds text between <tag ...> and </tag> ignoring case; copies it. */
static bool
html_element(char *buf, size_t size, const char *body, const char *tag)
{
    size_t tag_length = strlen(tag);
    const char *start, *end;

    for (start = body; (start = strchr(start, '<')) != NULL; start++)
        if (strncasecmp(start + 1, tag, tag_length) == 0 && (start[1 + tag_length] == '>' || start[1 + tag_length] == ' '))
            break;
    if (start == NULL || (start = strchr(start, '>')) == NULL)
        return false;
    start++;
    for (end = start; *end && !(end[0] == '<' && end[1] == '/'); end++)
        ;
    snprintf(buf, size, "%.*s", (int)(end - start), start);
    flatten_line(buf);
    return buf[0] != '\0';
}

/* Copies body's text with tags removed, as much as fits. */
static void
strip_tags(char *buf, size_t size, const char *body)
{
    size_t used = 0;
    bool in_tag = false;

    for (; *body && used + 1 < size; body++) {
        if (*body == '<' || *body == '>') {
            in_tag = *body == '<';
            buf[used++] = ' ';
        } else if (!in_tag) {
            buf[used++] = *body;
        }
    }
    buf[used] = '\0';
    flatten_line(buf);
}

/* Summarises an HTML error page in one line: its <title>, else its first
 * <h1>, else the start of its text.  The page itself is never shown. */
static void
html_summary(char *buf, size_t size, const char *body)
{
    if (html_element(buf, size, body, "title") || html_element(buf, size, body, "h1"))
        return;
    strip_tags(buf, size, body);
}

static bool
is_html(const struct api_response *response)
{
    const char *body = response->body;

    if (strncasecmp(response->headers.content_type, "text/html", 9) == 0)
        return true;
    while (body && isspace((unsigned char)*body))
        body++;
    return body && *body == '<';
}

void
api_error_from_status(struct api_error *err, const struct api_response *response)
{
    enum api_error_kind kind = kind_of_status(response->status);
    char message[API_MESSAGE_MAX] = "";

    if (response->body == NULL)
        snprintf(message, sizeof message, "%s", "the response has no body");
    else if (is_html(response))
        html_summary(message, sizeof message, response->body);
    else if (!json_message(message, sizeof message, response->body, response->length))
        snprintf(message, sizeof message, "%s", response->body);

    api_error_set(err, kind, "%s", message);
    err->status = response->status;
    err->retry_after = response->headers.retry_after;
}

/* ---- curl failures ---- */

static const struct { CURLcode code; enum api_error_kind kind; } curl_kinds[] = {
    { CURLE_OPERATION_TIMEDOUT, API_ERR_TIMEOUT },
    { CURLE_SSL_CONNECT_ERROR, API_ERR_TLS },
    { CURLE_PEER_FAILED_VERIFICATION, API_ERR_TLS },
    { CURLE_SSL_CERTPROBLEM, API_ERR_TLS },
    { CURLE_SSL_CIPHER, API_ERR_TLS },
    { CURLE_SSL_CACERT_BADFILE, API_ERR_TLS },
    { CURLE_SSL_ISSUER_ERROR, API_ERR_TLS },
    { CURLE_SSL_PINNEDPUBKEYNOTMATCH, API_ERR_TLS },
    { CURLE_SSL_INVALIDCERTSTATUS, API_ERR_TLS },
    { CURLE_SSL_CRL_BADFILE, API_ERR_TLS },
    { CURLE_SSL_ENGINE_INITFAILED, API_ERR_TLS },
    { CURLE_PARTIAL_FILE, API_ERR_TRUNCATED },
    { CURLE_UNSUPPORTED_PROTOCOL, API_ERR_CONFIG },
    { CURLE_URL_MALFORMAT, API_ERR_CONFIG },
    { CURLE_READ_ERROR, API_ERR_IO },
    { CURLE_ABORTED_BY_CALLBACK, API_ERR_IO },  /* the upload's file could not be read */
    { CURLE_WRITE_ERROR, API_ERR_IO },
    { CURLE_FILESIZE_EXCEEDED, API_ERR_TOO_LARGE },
    { CURLE_BAD_CONTENT_ENCODING, API_ERR_BAD_JSON },
};

void
api_error_from_curl(struct api_error *err, CURLcode code, const char *detail)
{
    enum api_error_kind kind = API_ERR_NETWORK;

    for (size_t i = 0; i < sizeof curl_kinds / sizeof curl_kinds[0]; i++)
        if (curl_kinds[i].code == code)
            kind = curl_kinds[i].kind;
    api_error_set(err, kind, "%s", detail && *detail ? detail : curl_easy_strerror(code));
}
