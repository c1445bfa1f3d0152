/* model_bench.c: measures the UI thread's share of a keystroke (the model
 * and the text cells of one screen), the requests to reach the last row,
 * and resident memory while scrolling a 100,000-row list.
 *
 * Pages are served in-process as soon as the model requests them, with
 * task-like records built here, so the figures are the model's and the
 * sanitizer's costs without the network.  Run by bench/model.sh. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "model.h"
#include "text.h"

#define TOTAL_ROWS 100000L
#define SCREEN_ROWS 50
#define FRAMES 20000
#define MAX_REQUESTS 16

static const char *const descriptions[] = {
    "Call Jane about the offer letter",
    "面接の日程を調整する 😀",
    "Review résumé of Zoë Ångström",
    "\x1b[31mescape\x1b[0m in a description",
    "Долгое описание задачи, которое не помещается в колонку таблицы",
    "मुलाकात तय करें",
};

/* The columns of the tasks table: field, width in cells, alignment. */
static const struct column {
    const char *field;
    int width;
    enum text_align align;
} columns[] = {
    { "id", 8, TEXT_ALIGN_RIGHT },      { "is_completed", 3, TEXT_ALIGN_LEFT },
    { "priority", 3, TEXT_ALIGN_RIGHT }, { "date_due", 25, TEXT_ALIGN_LEFT },
    { "description", 40, TEXT_ALIGN_LEFT }, { "assignee", 20, TEXT_ALIGN_LEFT },
};

static struct json_object *
make_task(long id)
{
    struct json_object *task = json_object_new_object();

    json_object_object_add(task, "id", json_object_new_int64(id));
    json_object_object_add(task, "is_completed", json_object_new_boolean(id % 4 == 0));
    json_object_object_add(task, "priority", json_object_new_int((int)(id % 5) + 1));
    json_object_object_add(task, "date_due", json_object_new_string("2024-03-30T00:48:55+00:00"));
    json_object_object_add(task, "description",
                           json_object_new_string(descriptions[id % 6]));
    json_object_object_add(task, "assignee", json_object_new_string("Jane Doe"));
    json_object_object_add(task, "data_item", json_object_new_null());
    return task;
}

/* Responds to a request as the server would, at once. */
static void
answer(struct model *model, const struct model_request *req)
{
    struct json_object *rows = json_object_new_array();
    long first = (long)(req->page - 1) * req->per_page;
    struct model_result_key key = { req->list_id, req->generation, req->page };

    for (long id = first + 1; id <= first + req->per_page && id <= TOTAL_ROWS; id++)
        json_object_array_add(rows, make_task(id));
    model_apply_rows(model, &key, rows, TOTAL_ROWS, first + req->per_page < TOTAL_ROWS);
}

static int
show(struct model *model, struct model_list *list, long first)
{
    struct model_request reqs[MAX_REQUESTS];
    int n = model_list_want(list, first, SCREEN_ROWS, true, 0, reqs, MAX_REQUESTS);

    for (int i = 0; i < n; i++)
        answer(model, &reqs[i]);
    return n;
}

/* Builds the cells of one screen, as the UI draws them. */
static size_t
draw_screen(const struct model_list *list, long first)
{
    size_t bytes = 0;

    for (long row = first; row < first + SCREEN_ROWS; row++) {
        struct model_row cell_row;

        model_list_row(list, row, &cell_row);
        for (size_t c = 0; c < sizeof columns / sizeof columns[0]; c++) {
            struct json_object *value = json_object_object_get(cell_row.record, columns[c].field);
            const char *text = value ? json_object_get_string(value) : "";
            char *cell = text_cell(text, strlen(text), columns[c].width, columns[c].align);

            bytes += strlen(cell);
            free(cell);
        }
    }
    return bytes;
}

static double
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static long
resident_kib(void)
{
    char line[256];
    long kib = -1;
    FILE *status = fopen("/proc/self/status", "r");

    while (status && fgets(line, sizeof line, status))
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
            break;
    if (status)
        fclose(status);
    return kib;
}

/* A keystroke moves the screen like j, k, PgDn, PgUp, G or g would. */
static long
next_first(long first, unsigned *seed)
{
    static const long moves[] = { 1, -1, SCREEN_ROWS, -SCREEN_ROWS, TOTAL_ROWS, -TOTAL_ROWS };
    long to = first + moves[rand_r(seed) % 6];

    if (to < 0)
        to = 0;
    if (to > TOTAL_ROWS - SCREEN_ROWS)
        to = TOTAL_ROWS - SCREEN_ROWS;
    return to;
}

static void
bench_keystrokes(struct model *model, struct model_list *list)
{
    static double frame_us[FRAMES];
    unsigned seed = 1;
    long first = 0;
    size_t bytes = 0;

    for (int i = 0; i < FRAMES; i++) {
        first = next_first(first, &seed);
        show(model, list, first);
        double start = now_us();
        show(model, list, first);
        bytes += draw_screen(list, first);
        frame_us[i] = now_us() - start;
    }
    qsort(frame_us, FRAMES, sizeof frame_us[0], compare_doubles);
    printf("keystroke (model_list_want + %d rows x %zu text_cell), %d frames: "
           "median %.1f us, p99 %.1f us, max %.1f us (%zu bytes drawn)\n",
           SCREEN_ROWS, sizeof columns / sizeof columns[0], FRAMES, frame_us[FRAMES / 2],
           frame_us[FRAMES * 99 / 100], frame_us[FRAMES - 1], bytes);
}

int
main(void)
{
    struct model *model = model_new();
    struct model_list *list = model_open(model, "/tasks", "tasks");
    long rss_start = resident_kib(), rss_peak = rss_start;

    setlocale(LC_ALL, "C.UTF-8");
    int requests = show(model, list, 0);
    requests += show(model, list, TOTAL_ROWS - SCREEN_ROWS);
    printf("requests to show the first screen, then the last row (G): %d\n", requests);

    model_list_refresh(list);
    for (long first = 0; first + SCREEN_ROWS <= TOTAL_ROWS; first += SCREEN_ROWS) {
        show(model, list, first);
        if (first % 5000 == 0 && resident_kib() > rss_peak)
            rss_peak = resident_kib();
    }
    printf("resident memory scrolling all %ld rows: %ld KiB at start, %ld KiB at most, "
           "%ld KiB at the end\n",
           TOTAL_ROWS, rss_start, rss_peak, resident_kib());

    bench_keystrokes(model, list);
    model_free(model);
    return 0;
}
