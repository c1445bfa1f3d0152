/* api_error_test.c: unit tests of the API client's errors and session
 * checks: status and curl mapping, HTML summaries, status-line sentences,
 * and base URLs rejected before anything connects. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api.h"
#include "api_internal.h"

/* Fills err as the client does for a response with this status, type and
 * body. */
static void
error_for(struct api_error *err, long status, const char *content_type, const char *body)
{
    struct api_response response;

    memset(&response, 0, sizeof response);
    response.status = status;
    response.headers.retry_after = -1;
    snprintf(response.headers.content_type, sizeof response.headers.content_type, "%s", content_type);
    response.body = body ? strdup(body) : NULL;
    response.length = body ? strlen(body) : 0;
    api_error_clear(err);
    api_error_from_status(err, &response);
    api_response_free(&response);
}

static void
status_maps_to_kind(void **state)
{
    static const struct { long status; enum api_error_kind kind; } cases[] = {
        { 400, API_ERR_INVALID }, { 401, API_ERR_AUTH }, { 404, API_ERR_NOT_FOUND },
        { 415, API_ERR_UNSUPPORTED_MEDIA }, { 429, API_ERR_RATE_LIMITED }, { 500, API_ERR_SERVER },
        { 503, API_ERR_SERVER }, { 409, API_ERR_HTTP }, { 302, API_ERR_HTTP },
    };
    struct api_error err;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        error_for(&err, cases[i].status, "application/json", "{\"message\": \"x\"}");
        assert_int_equal(err.kind, cases[i].kind);
        assert_int_equal(err.status, cases[i].status);
    }
}

static void
cats_message_kept(void **state)
{
    struct api_error err;

    error_for(&err, 401, "application/json; charset=utf-8", "{\"message\":\"Invalid credentials.\"}");
    assert_string_equal(err.message, "Invalid credentials.");
    error_for(&err, 415, "application/json; charset=utf-8", "{\"message\":\"Unsupported Content-Type.\"}");
    assert_string_equal(err.message, "Unsupported Content-Type.");
}

static void
validation_list_joined(void **state)
{
    struct api_error err;

    error_for(&err, 400, "application/json",
              "{\"message\": \"Validation failed.\", \"errors\": [\"priority must not be optional\","
              " {\"message\": \"assigned_to_id must be positive\"}]}");
    assert_string_equal(err.message,
                        "Validation failed.; priority must not be optional; assigned_to_id must be positive");

    error_for(&err, 400, "application/json",
              "{\"message\": \"priority must not be optional\", \"errors\": [\"priority must not be optional\"]}");
    assert_string_equal(err.message, "priority must not be optional");
}

static void
html_page_summarised(void **state)
{
    struct api_error err;

    error_for(&err, 502, "text/html",
              "<!DOCTYPE html>\n<html><head><TITLE>502 Bad\n Gateway</TITLE><style>body{}</style></head>"
              "<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>");
    assert_int_equal(err.kind, API_ERR_SERVER);
    assert_string_equal(err.message, "502 Bad Gateway");
}

static void
html_without_title_uses_h1(void **state)
{
    struct api_error err;

    error_for(&err, 500, "text/html; charset=utf-8", "<html><body><h1 class=\"e\">Internal Server Error</h1></body></html>");
    assert_string_equal(err.message, "Internal Server Error");
}

static void
html_text_stays_one_line(void **state)
{
    char page[4096] = "<html><body><div>";
    struct api_error err;

    for (int i = 0; i < 200; i++)
        strcat(page, "<p>oops\r\n</p>");
    strcat(page, "</div></body></html>");
    error_for(&err, 503, "", page);
    assert_int_equal(err.kind, API_ERR_SERVER);
    assert_null(strchr(err.message, '<'));
    assert_null(strchr(err.message, '\n'));
    assert_non_null(strstr(err.message, "oops oops"));
    assert_true(strlen(err.message) < API_MESSAGE_MAX);
}

static void
text_body_flattened(void **state)
{
    struct api_error err;

    error_for(&err, 418, "text/plain", "short\tand\nstout\x1b[0m");
    assert_int_equal(err.kind, API_ERR_HTTP);
    assert_string_equal(err.message, "short and stout [0m");
}

static void
empty_error_body_named(void **state)
{
    struct api_error err;

    error_for(&err, 404, "", NULL);
    assert_int_equal(err.kind, API_ERR_NOT_FOUND);
    assert_string_equal(err.message, "the response has no body");
}

static void
curl_codes_map_to_kind(void **state)
{
    static const struct { CURLcode code; enum api_error_kind kind; } cases[] = {
        { CURLE_OPERATION_TIMEDOUT, API_ERR_TIMEOUT }, { CURLE_COULDNT_CONNECT, API_ERR_NETWORK },
        { CURLE_COULDNT_RESOLVE_HOST, API_ERR_NETWORK }, { CURLE_RECV_ERROR, API_ERR_NETWORK },
        { CURLE_PEER_FAILED_VERIFICATION, API_ERR_TLS }, { CURLE_SSL_CONNECT_ERROR, API_ERR_TLS },
        { CURLE_PARTIAL_FILE, API_ERR_TRUNCATED }, { CURLE_GOT_NOTHING, API_ERR_NETWORK },
        { CURLE_ABORTED_BY_CALLBACK, API_ERR_IO }, { CURLE_WRITE_ERROR, API_ERR_IO },
    };
    struct api_error err;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        api_error_clear(&err);
        api_error_from_curl(&err, cases[i].code, "");
        assert_int_equal(err.kind, cases[i].kind);
        assert_string_not_equal(err.message, "");
    }
}

static void
describe_builds_sentence(void **state)
{
    struct api_error err;
    char line[1024];

    error_for(&err, 401, "application/json", "{\"message\":\"Invalid credentials.\"}");
    snprintf(err.request_id, sizeof err.request_id, "%s", "5f0c2b9e-1");
    api_error_describe(&err, line, sizeof line);
    assert_string_equal(line, "CATS rejected the API key (HTTP 401): Invalid credentials. "
                              "Check CATS_API_KEY or the key file. Request id 5f0c2b9e-1.");
}

static void
describe_rate_limit_wait(void **state)
{
    struct api_error err;
    char line[1024];

    error_for(&err, 429, "application/json", "{\"message\":\"Too many requests\"}");
    err.retry_after = 42;
    api_error_describe(&err, line, sizeof line);
    assert_string_equal(line, "CATS's rate limit is reached (HTTP 429): Too many requests. Retry in 42 seconds.");
}

static void
describe_fits_small_buffer(void **state)
{
    struct api_error err;
    char line[16];

    api_error_clear(&err);
    api_error_set(&err, API_ERR_NETWORK, "Connection refused to 127.0.0.1 port 9");
    api_error_describe(&err, line, sizeof line);
    assert_int_equal(strlen(line), sizeof line - 1);
}

static void
kind_names_distinct(void **state)
{
    for (int i = 0; i < API_ERR_KIND_COUNT; i++) {
        assert_non_null(api_error_kind_name((enum api_error_kind)i));
        for (int j = 0; j < i; j++)
            assert_string_not_equal(api_error_kind_name((enum api_error_kind)i),
                                    api_error_kind_name((enum api_error_kind)j));
    }
    assert_string_equal(api_error_kind_name(API_ERR_KIND_COUNT), "unknown");
}

/* ---- base URLs, checked without connecting ---- */

static struct api_session *
session_for(const char *base_url, const char *key, struct api_error *err)
{
    struct api_session_config cfg = { .base_url = base_url, .api_key = key, .trace_path = "" };

    return api_session_new(&cfg, err);
}

static void
plain_http_remote_rejected(void **state)
{
    static const char *const urls[] = {
        "http://cats.example.com/v3", "http://10.0.0.5:8080/v3", "http://[2001:db8::1]/v3", "http://128.0.0.1/v3",
    };
    struct api_error err;

    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        assert_null(session_for(urls[i], "k", &err));
        assert_int_equal(err.kind, API_ERR_CONFIG);
        assert_non_null(strstr(err.message, "https://"));
    }
}

static void
loopback_and_https_accepted(void **state)
{
    static const char *const urls[] = {
        "http://127.0.0.1:8080/v3", "http://127.1.2.3/v3", "http://localhost:9/v3", "http://[::1]:8080/v3",
        "https://cats.example.com/v3", "https://api.catsone.com/v3/",
    };
    struct api_error err;

    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        struct api_session *session = session_for(urls[i], "k", &err);
        assert_non_null(session);
        assert_int_equal(err.kind, API_OK);
        api_session_free(session);
    }
}

static void
base_url_trailing_slash_dropped(void **state)
{
    struct api_error err;
    struct api_session *session = session_for("https://cats.example.com/v3//", "k", &err);

    assert_non_null(session);
    assert_string_equal(api_session_base_url(session), "https://cats.example.com/v3");
    api_session_free(session);
}

static void
odd_urls_rejected(void **state)
{
    static const char *const urls[] = { "ftp://127.0.0.1/v3", "file:///etc/passwd", "not a url",
                                        "https://cats.example.com/v3?x=1" };
    struct api_error err;

    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        assert_null(session_for(urls[i], "k", &err));
        assert_int_equal(err.kind, API_ERR_CONFIG);
    }
}

static void
bad_keys_rejected(void **state)
{
    struct api_error err;

    assert_null(session_for("https://cats.example.com/v3", "", &err));
    assert_int_equal(err.kind, API_ERR_CONFIG);
    assert_null(session_for("https://cats.example.com/v3", NULL, &err));
    assert_int_equal(err.kind, API_ERR_CONFIG);
    assert_null(session_for("https://cats.example.com/v3", "abc\r\nX-Injected: 1", &err));
    assert_int_equal(err.kind, API_ERR_CONFIG);
    assert_null(strstr(err.message, "abc"));
}

static void
unopenable_trace_rejected(void **state)
{
    struct api_session_config cfg = {
        .base_url = "http://127.0.0.1:9/v3", .api_key = "k", .trace_path = "/nonexistent-dir/trace.log",
    };
    struct api_error err;

    assert_null(api_session_new(&cfg, &err));
    assert_int_equal(err.kind, API_ERR_IO);
    assert_non_null(strstr(err.message, "/nonexistent-dir/trace.log"));
}

static void
absolute_href_not_followed(void **state)
{
    struct api_error err;
    struct api_session *session = session_for("http://127.0.0.1:9/v3", "k", &err);
    struct api_client *client = api_client_new(session, &err);
    struct json_object *record = NULL;
    static const char *const hrefs[] = { "https://portal.example.com/jobs/1", "//evil.example/x", "", "/a b" };

    for (size_t i = 0; i < sizeof hrefs / sizeof hrefs[0]; i++) {
        assert_int_equal(api_get(client, hrefs[i], &record, &err), -1);
        assert_int_equal(err.kind, API_ERR_ARGUMENT);
        assert_null(record);
    }
    assert_int_equal(api_client_connections(client), 0);
    api_client_free(client);
    api_session_free(session);
}

static void
rate_limit_starts_unknown(void **state)
{
    struct api_error err;
    struct api_session *session = session_for("http://127.0.0.1:9/v3", "k", &err);
    struct api_rate_limit rate;

    api_session_rate_limit(session, &rate);
    assert_int_equal(rate.limit, -1);
    assert_int_equal(rate.remaining, -1);
    assert_int_equal(rate.retry_in_ms, 0);
    api_session_free(session);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_maps_to_kind),
        cmocka_unit_test(cats_message_kept),
        cmocka_unit_test(validation_list_joined),
        cmocka_unit_test(html_page_summarised),
        cmocka_unit_test(html_without_title_uses_h1),
        cmocka_unit_test(html_text_stays_one_line),
        cmocka_unit_test(text_body_flattened),
        cmocka_unit_test(empty_error_body_named),
        cmocka_unit_test(curl_codes_map_to_kind),
        cmocka_unit_test(describe_builds_sentence),
        cmocka_unit_test(describe_rate_limit_wait),
        cmocka_unit_test(describe_fits_small_buffer),
        cmocka_unit_test(kind_names_distinct),
        cmocka_unit_test(plain_http_remote_rejected),
        cmocka_unit_test(loopback_and_https_accepted),
        cmocka_unit_test(base_url_trailing_slash_dropped),
        cmocka_unit_test(odd_urls_rejected),
        cmocka_unit_test(bad_keys_rejected),
        cmocka_unit_test(unopenable_trace_rejected),
        cmocka_unit_test(absolute_href_not_followed),
        cmocka_unit_test(rate_limit_starts_unknown),
    };

    return cmocka_run_group_tests_name("api_error", tests, NULL, NULL);
}
