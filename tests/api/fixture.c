/* fixture.c: starts a sandbox with a client session on it for the API
 * client tests, and drives the sandbox's control endpoints. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "fixture.h"

#define MAX_ARGS 32

/* Puts a rate limit no test suite reaches before the test's own flags, so
 * only a test that passes its own --rate-limit meets a 429. */
static const char *const *
with_default_args(const char *args[MAX_ARGS], const char *const *extra_args)
{
    int n = 0;

    args[n++] = "--rate-limit";
    args[n++] = "100000/3600";
    for (; extra_args && *extra_args && n < MAX_ARGS - 1; extra_args++)
        args[n++] = *extra_args;
    args[n] = NULL;
    return args;
}

int
fixture_start(struct fixture *f, const char *const *extra_args, long timeout_ms)
{
    const char *args[MAX_ARGS];
    struct api_error err;
    struct api_session_config cfg = { 0 };
    int fd;

    memset(f, 0, sizeof *f);
    if (sandbox_start(&f->sandbox, with_default_args(args, extra_args)) != 0)
        return -1;

    snprintf(f->trace_path, sizeof f->trace_path, "/tmp/cats-api-trace.XXXXXX");
    fd = mkstemp(f->trace_path);
    if (fd >= 0)
        close(fd);

    cfg.base_url = f->sandbox.url;
    cfg.api_key = f->sandbox.key;
    cfg.timeout_ms = timeout_ms;
    cfg.trace_path = f->trace_path;
    f->session = api_session_new(&cfg, &err);
    f->client = f->session ? api_client_new(f->session, &err) : NULL;
    if (f->client == NULL) {
        fprintf(stderr, "fixture: cannot create the client: %s\n", err.message);
        fixture_stop(f);
        return -1;
    }
    return 0;
}

void
fixture_stop(struct fixture *f)
{
    api_client_free(f->client);
    api_session_free(f->session);
    f->client = NULL;
    f->session = NULL;
    sandbox_stop(&f->sandbox);
    if (f->trace_path[0] != '\0')
        unlink(f->trace_path);
    f->trace_path[0] = '\0';
}

static size_t
discard(char *data, size_t size, size_t count, void *user)
{
    return size * count;
}

long
fixture_control(struct fixture *f, const char *method, const char *path, const char *json)
{
    CURL *curl = curl_easy_init();
    struct curl_slist *headers = NULL;
    char url[512], auth[128];
    long status = -1;

    if (curl == NULL)
        return -1;
    snprintf(url, sizeof url, "%s%s", f->sandbox.root, path);
    snprintf(auth, sizeof auth, "Authorization: Token %s", f->sandbox.key);
    headers = curl_slist_append(headers, auth);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
    if (json != NULL)
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json);
    if (curl_easy_perform(curl) == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);

    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return status;
}

int
fixture_reset(struct fixture *f)
{
    static const char faults_off[] =
        "{\"latency_ms\": 0, \"jitter_ms\": 0, \"error_rate\": 0, \"throttle_burst\": 0,"
        " \"malformed_rate\": 0, \"truncate_rate\": 0, \"disconnect_rate\": 0, \"stall_rate\": 0,"
        " \"fault_path\": \"\"}";
    static const char quirks_off[] = "{\"total_null\": false, \"href_no_slash\": false, \"string_id\": false}";

    if (fixture_control(f, "PUT", "/_sandbox/faults", faults_off) != 200)
        return -1;
    if (fixture_control(f, "PUT", "/_sandbox/quirks", quirks_off) != 200)
        return -1;
    return 0;
}

int64_t
fixture_first_id(struct fixture *f, const char *path, const char *plural)
{
    struct api_list list;
    struct api_error err;
    int64_t id = -1;

    if (api_get_list(f->client, path, plural, &list, &err) != 0) {
        fprintf(stderr, "fixture: GET %s failed: %s\n", path, err.message);
        return -1;
    }
    if (!api_json_id(api_list_row(&list, 0), "id", &id))
        id = -1;
    api_list_free(&list);
    return id;
}

int
fixture_wait_log(struct fixture *f, const char *const *needles, int expected)
{
    int count = sandbox_count_log_lines(&f->sandbox, needles);

    for (int waited = 0; count != expected && waited < 2000; waited += 20) {
        nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
        count = sandbox_count_log_lines(&f->sandbox, needles);
    }
    return count;
}

char *
fixture_read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    char *data = NULL;
    size_t size = 0, used = 0, got;

    if (file == NULL)
        return NULL;
    do {
        if (used + 4096 + 1 > size) {
            size = size ? size * 2 : 8192;
            char *grown = realloc(data, size);
            if (grown == NULL) {
                free(data);
                fclose(file);
                return NULL;
            }
            data = grown;
        }
        got = fread(data + used, 1, 4096, file);
        used += got;
    } while (got > 0);
    fclose(file);
    data[used] = '\0';
    if (length != NULL)
        *length = used;
    return data;
}

int
fixture_count_lines(const char *path)
{
    char *text = fixture_read_file(path, NULL);
    int lines = 0;

    if (text == NULL)
        return -1;
    for (const char *c = text; *c; c++)
        lines += *c == '\n';
    free(text);
    return lines;
}
