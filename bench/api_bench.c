/* api_bench.c: measures the API client against a running cats-sandbox:
 * the time to parse a 100-row task page into rows, and the connections
 * and time that 100 sequential page requests take.  bench/api.sh starts
 * the sandbox and runs this. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "api.h"

#define PARSE_RUNS 2000
#define PAGE_REQUESTS 100

static double
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Fetches one page of 100 tasks and returns its JSON text (caller frees). */
static char *
task_page_text(struct api_client *client, size_t *length)
{
    struct api_list list;
    struct api_error err;
    char *text;

    if (api_tasks_list(client, 1, 100, &list, &err) != 0) {
        fprintf(stderr, "api_bench: GET /tasks failed: %s\n", err.message);
        return NULL;
    }
    text = strdup(json_object_to_json_string_ext(list.body, JSON_C_TO_STRING_PLAIN));
    *length = strlen(text);
    fprintf(stdout, "page: %zu rows, %zu bytes of JSON\n", api_list_length(&list), *length);
    api_list_free(&list);
    return text;
}

/* Times api_list_parse() on the page, reading every row's id as the
 * console's model does. */
static int
bench_parse(struct api_client *client)
{
    static double samples[PARSE_RUNS];
    size_t length;
    char *text = task_page_text(client, &length);
    long long checksum = 0;

    if (text == NULL)
        return 1;
    for (int run = 0; run < PARSE_RUNS; run++) {
        struct api_list list;
        struct api_error err;
        double start = now_us();
        int64_t id;

        api_list_parse(text, length, "tasks", 1, 100, &list, &err);
        for (size_t i = 0; i < api_list_length(&list); i++)
            checksum += api_json_id(api_list_row(&list, i), "id", &id) ? id : 0;
        api_list_free(&list);
        samples[run] = now_us() - start;
    }
    qsort(samples, PARSE_RUNS, sizeof samples[0], compare_doubles);
    printf("parse 100-row page (%d runs): min %.1f us, median %.1f us, p99 %.1f us (checksum %lld)\n",
           PARSE_RUNS, samples[0], samples[PARSE_RUNS / 2], samples[PARSE_RUNS * 99 / 100], checksum);
    free(text);
    return 0;
}

/* Requests 100 pages in a row on one client and counts connections. */
static int
bench_pages(struct api_client *client, int per_page)
{
    double start = now_us();

    for (int page = 1; page <= PAGE_REQUESTS; page++) {
        struct api_list list;
        struct api_error err;

        if (api_activities_list(client, page, per_page, &list, &err) != 0) {
            fprintf(stderr, "api_bench: page %d failed: %s\n", page, err.message);
            return 1;
        }
        api_list_free(&list);
    }
    printf("%d sequential pages of %d activities: %.1f ms in total, %.2f ms per request, %ld connection(s) opened\n",
           PAGE_REQUESTS, per_page, (now_us() - start) / 1e3, (now_us() - start) / 1e3 / PAGE_REQUESTS,
           api_client_connections(client));
    return 0;
}

int
main(int argc, char **argv)
{
    struct api_session_config cfg = { .trace_path = "" };
    struct api_session *session;
    struct api_client *client;
    struct api_error err;
    int status;

    if (argc != 3) {
        fprintf(stderr, "usage: api_bench BASE_URL KEY  (a cats-sandbox on 127.0.0.1; bench/api.sh starts one)\n");
        return 2;
    }
    cfg.base_url = argv[1];
    cfg.api_key = argv[2];
    session = api_session_new(&cfg, &err);
    client = session ? api_client_new(session, &err) : NULL;
    if (client == NULL) {
        fprintf(stderr, "api_bench: %s\n", err.message);
        return 1;
    }

    status = bench_pages(client, 1);
    status = status ? status : bench_pages(client, 100);
    status = status ? status : bench_parse(client);
    api_client_free(client);
    api_session_free(session);
    return status;
}
