/* model_test.c: unit tests of the sparse paged list model. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "model.h"

#define NOW ((time_t)1700000000)
#define SCREEN 50
#define MAX_REQUESTS 16

struct fixture {
    struct model *model;
    struct model_list *list;
    struct model_request reqs[MAX_REQUESTS];
    int requests_made; /* every request model_list_want() returned */
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);

    fx->model = model_new();
    fx->list = model_open(fx->model, "/tasks", "tasks");
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;

    model_free(fx->model);
    free(fx);
    return 0;
}

/* Builds the rows of one page: records {"id": N} numbered from 1 in the
 * server's order, with "rank" = id % 3 for sort tests. */
static struct json_object *
make_rows(int page, int count)
{
    struct json_object *rows = json_object_new_array();

    for (int i = 0; i < count; i++) {
        struct json_object *record = json_object_new_object();
        int id = (page - 1) * MODEL_PER_PAGE + i + 1;

        json_object_object_add(record, "id", json_object_new_int(id));
        json_object_object_add(record, "rank", json_object_new_int(id % 3));
        json_object_array_add(rows, record);
    }
    return rows;
}

static int
want(struct fixture *fx, long first, bool prefetch, time_t now)
{
    int n = model_list_want(fx->list, first, SCREEN, prefetch, now, fx->reqs, MAX_REQUESTS);

    fx->requests_made += n;
    return n;
}

static struct model_result_key
key_of(const struct model_request *req)
{
    struct model_result_key key = {
        .list_id = req->list_id, .generation = req->generation, .page = req->page,
    };
    return key;
}

/* Answers request i as the server would for a list of total rows; total_sent
 * is what the server puts in "total" (-1 for null). */
static bool
answer(struct fixture *fx, int i, long total, long total_sent)
{
    const struct model_request *req = &fx->reqs[i];
    struct model_result_key key = key_of(req);
    long before = (long)(req->page - 1) * req->per_page;
    long count = total - before < req->per_page ? total - before : req->per_page;
    bool has_next = before + count < total;

    return model_apply_rows(fx->model, &key, make_rows(req->page, (int)(count > 0 ? count : 0)),
                            total_sent, has_next);
}

static void
answer_all(struct fixture *fx, int n, long total, long total_sent)
{
    for (int i = 0; i < n; i++)
        assert_true(answer(fx, i, total, total_sent));
}

static int
record_id(struct fixture *fx, long index)
{
    struct model_row row;

    model_list_row(fx->list, index, &row);
    assert_int_equal(row.state, MODEL_PAGE_LOADED);
    assert_non_null(row.record);
    return json_object_get_int(json_object_object_get(row.record, "id"));
}

static enum model_page_state
row_state(struct fixture *fx, long index)
{
    struct model_row row;

    model_list_row(fx->list, index, &row);
    return row.state;
}

static void
assert_range(struct fixture *fx, long first, const char *expected)
{
    char buf[96];

    assert_string_equal(model_list_format_range(fx->list, first, SCREEN, buf, sizeof buf),
                        expected);
}

/* Loads page 1 of a list of total rows. */
static void
load_first_page(struct fixture *fx, long total, long total_sent)
{
    assert_int_equal(want(fx, 0, false, NOW), 1);
    answer_all(fx, 1, total, total_sent);
}

static void
test_first_want_requests_page_one(void **state)
{
    struct fixture *fx = *state;

    assert_int_equal(want(fx, 0, true, NOW), 1);
    assert_int_equal(fx->reqs[0].page, 1);
    assert_int_equal(fx->reqs[0].per_page, MODEL_PER_PAGE);
    assert_string_equal(fx->reqs[0].path, "/tasks");
    assert_string_equal(fx->reqs[0].plural, "tasks");
    assert_int_equal(fx->reqs[0].list_id, model_list_id(fx->list));
    assert_int_equal(fx->reqs[0].generation, model_list_generation(fx->list));

    assert_int_equal(row_state(fx, 0), MODEL_PAGE_LOADING);
    assert_int_equal(model_list_rows(fx->list), 0);
    assert_range(fx, 0, "0 of ?");
    assert_int_equal(want(fx, 0, true, NOW), 0);
}

static void
test_loaded_page_shows_rows(void **state)
{
    struct fixture *fx = *state;

    load_first_page(fx, 100000, 100000);

    assert_int_equal(model_list_rows(fx->list), 100000);
    assert_true(model_list_total_known(fx->list));
    assert_int_equal(record_id(fx, 0), 1);
    assert_int_equal(record_id(fx, 99), 100);
    assert_int_equal(row_state(fx, 100), MODEL_PAGE_MISSING);
    assert_int_equal(row_state(fx, 99999), MODEL_PAGE_MISSING);
    assert_range(fx, 0, "1-50 of 100000");
}

static void
test_jump_to_end_costs_one_request(void **state)
{
    struct fixture *fx = *state;

    load_first_page(fx, 100000, 100000);

    assert_int_equal(want(fx, 100000 - SCREEN, true, NOW), 1);
    assert_int_equal(fx->reqs[0].page, 1000);
    answer_all(fx, 1, 100000, 100000);

    assert_int_equal(record_id(fx, 99999), 100000);
    assert_int_equal(record_id(fx, 99950), 99951);
    assert_int_equal(want(fx, 100000 - SCREEN, true, NOW), 0);
    assert_int_equal(fx->requests_made, 2);
    assert_range(fx, 99950, "99951-100000 of 100000");
}

static void
test_prefetch_next_page_optional(void **state)
{
    struct fixture *fx = *state;

    load_first_page(fx, 100000, 100000);

    assert_int_equal(want(fx, 10, false, NOW), 0);
    assert_int_equal(want(fx, 60, true, NOW), 1);
    assert_int_equal(fx->reqs[0].page, 2);
    answer_all(fx, 1, 100000, 100000);

    /* Jumping into page 5 without prefetch costs exactly page 5. */
    assert_int_equal(want(fx, 420, false, NOW), 1);
    assert_int_equal(fx->reqs[0].page, 5);
    answer_all(fx, 1, 100000, 100000);

    /* With prefetch, the pages within one screen on both sides follow. */
    assert_int_equal(want(fx, 420, true, NOW), 2);
    assert_int_equal(fx->reqs[0].page, 6);
    assert_int_equal(fx->reqs[1].page, 4);
}

static long
loaded_pages(struct fixture *fx, long total)
{
    long loaded = 0;

    for (long row = 0; row < total; row += MODEL_PER_PAGE)
        loaded += row_state(fx, row) == MODEL_PAGE_LOADED;
    return loaded;
}

static void
test_far_pages_evicted(void **state)
{
    struct fixture *fx = *state;
    long total = 100000, most_loaded = 0;

    for (long first = 0; first + SCREEN <= total; first += SCREEN) {
        int n = want(fx, first, true, NOW);

        answer_all(fx, n, total, total);
        if (first % 5000 == 0) {
            long loaded = loaded_pages(fx, total);
            most_loaded = loaded > most_loaded ? loaded : most_loaded;
        }
    }

    assert_true(most_loaded <= 2 * MODEL_KEEP_PAGES + 3);
    assert_int_equal(row_state(fx, 0), MODEL_PAGE_MISSING);
    assert_int_equal(record_id(fx, total - 1), total);
    assert_int_equal(fx->requests_made, 1000);
}

static void
test_stale_generation_dropped(void **state)
{
    struct fixture *fx = *state;

    assert_int_equal(want(fx, 0, false, NOW), 1);
    struct model_request old = fx->reqs[0];

    model_list_refresh(fx->list);
    assert_int_not_equal(model_list_generation(fx->list), old.generation);

    struct model_result_key old_key = key_of(&old);
    assert_false(model_apply_rows(fx->model, &old_key, make_rows(1, 100), 500, true));
    assert_false(model_apply_failure(fx->model, &old_key, "late failure"));
    assert_int_equal(model_list_rows(fx->list), 0);
    assert_range(fx, 0, "0 of ?");

    assert_int_equal(want(fx, 0, false, NOW), 1);
    assert_int_equal(fx->reqs[0].generation, model_list_generation(fx->list));
    assert_true(answer(fx, 0, 500, 500));
    assert_int_equal(model_list_rows(fx->list), 500);
}

static void
test_closed_list_result_dropped(void **state)
{
    struct fixture *fx = *state;

    assert_int_equal(want(fx, 0, false, NOW), 1);
    struct model_result_key key = key_of(&fx->reqs[0]);

    model_close(fx->model, fx->list);
    assert_null(model_find(fx->model, key.list_id));
    assert_false(model_apply_rows(fx->model, &key, make_rows(1, 10), 10, false));
    assert_false(model_apply_wait(fx->model, &key, NOW, "slow down"));

    fx->list = model_open(fx->model, "/users", "users");
    assert_int_not_equal(model_list_id(fx->list), key.list_id);
}

static void
test_unrequested_page_dropped(void **state)
{
    struct fixture *fx = *state;
    struct model_result_key key = {
        .list_id = model_list_id(fx->list),
        .generation = model_list_generation(fx->list),
        .page = 7,
    };

    assert_false(model_apply_rows(fx->model, &key, make_rows(7, 100), 1000, true));
    assert_int_equal(model_list_rows(fx->list), 0);
}

static void
test_total_null_uses_next_link(void **state)
{
    struct fixture *fx = *state;

    load_first_page(fx, 130, -1);
    assert_false(model_list_total_known(fx->list));
    assert_int_equal(model_list_rows(fx->list), 100);
    assert_range(fx, 0, "1-50 of 100+");

    /* The screen reaches the last known row: page 2 is needed, prefetch or not. */
    assert_int_equal(want(fx, 50, false, NOW), 1);
    assert_int_equal(fx->reqs[0].page, 2);
    answer_all(fx, 1, 130, -1);

    assert_true(model_list_total_known(fx->list));
    assert_int_equal(model_list_rows(fx->list), 130);
    assert_int_equal(record_id(fx, 129), 130);
    assert_range(fx, 100, "101-130 of 130");
    assert_int_equal(want(fx, 80, true, NOW), 0);
}

static void
test_failed_page_retried_on_request(void **state)
{
    struct fixture *fx = *state;
    struct model_row row;

    assert_int_equal(want(fx, 0, false, NOW), 1);
    struct model_result_key key = key_of(&fx->reqs[0]);
    assert_true(model_apply_failure(fx->model, &key, "the server answered 500"));

    model_list_row(fx->list, 0, &row);
    assert_int_equal(row.state, MODEL_PAGE_FAILED);
    assert_string_equal(row.message, "the server answered 500");
    assert_int_equal(want(fx, 0, true, NOW), 0);

    assert_int_equal(model_list_retry(fx->list), 1);
    assert_int_equal(want(fx, 0, false, NOW), 1);
    answer_all(fx, 1, 20, 20);
    assert_int_equal(record_id(fx, 19), 20);
    assert_int_equal(model_list_retry(fx->list), 0);
}

static void
test_waiting_page_requested_when_due(void **state)
{
    struct fixture *fx = *state;
    struct model_row row;

    assert_int_equal(want(fx, 0, false, NOW), 1);
    struct model_result_key key = key_of(&fx->reqs[0]);
    assert_true(model_apply_wait(fx->model, &key, NOW + 30, "rate limited"));

    model_list_row(fx->list, 10, &row);
    assert_int_equal(row.state, MODEL_PAGE_WAITING);
    assert_int_equal(row.until, NOW + 30);
    assert_string_equal(row.message, "rate limited");

    assert_int_equal(want(fx, 0, true, NOW + 29), 0);
    assert_int_equal(want(fx, 0, true, NOW + 30), 1);
    assert_int_equal(fx->reqs[0].page, 1);
    assert_int_equal(row_state(fx, 0), MODEL_PAGE_LOADING);
}

static void
test_empty_list_is_whole(void **state)
{
    struct fixture *fx = *state;

    load_first_page(fx, 0, 0);
    assert_int_equal(model_list_rows(fx->list), 0);
    assert_true(model_list_is_whole(fx->list));
    assert_range(fx, 0, "0 of 0");
    assert_int_equal(want(fx, 0, true, NOW), 0);
}

static void
test_non_array_rows_fail_page(void **state)
{
    struct fixture *fx = *state;

    assert_int_equal(want(fx, 0, false, NOW), 1);
    struct model_result_key key = key_of(&fx->reqs[0]);
    assert_true(model_apply_rows(fx->model, &key, json_object_new_string("oops"), 5, false));
    assert_int_equal(row_state(fx, 0), MODEL_PAGE_FAILED);
}

static void
test_shrunk_total_drops_pages(void **state)
{
    struct fixture *fx = *state;

    load_first_page(fx, 1000, 1000);
    assert_int_equal(want(fx, 950, false, NOW), 1);
    answer_all(fx, 1, 1000, 1000);
    assert_int_equal(record_id(fx, 999), 1000);

    /* Page 9 is near enough to keep page 10, but the server's list has
     * shrunk to 300 rows since: page 9 comes back empty with the new total. */
    assert_int_equal(want(fx, 850, false, NOW), 1);
    assert_int_equal(fx->reqs[0].page, 9);
    assert_int_equal(row_state(fx, 999), MODEL_PAGE_LOADED);
    answer_all(fx, 1, 300, 300);
    assert_int_equal(model_list_rows(fx->list), 300);
    assert_int_equal(row_state(fx, 999), MODEL_PAGE_MISSING);
    assert_int_equal(row_state(fx, 850), MODEL_PAGE_MISSING);
}

/* Loads every page of a list of total rows through model_list_load_all(). */
static void
load_whole(struct fixture *fx, long total, long total_sent)
{
    int n;

    load_first_page(fx, total, total_sent);
    model_list_load_all(fx->list);
    while ((n = want(fx, 0, false, NOW)) > 0)
        answer_all(fx, n, total, total_sent);
}

static void
test_load_all_fetches_every_page(void **state)
{
    struct fixture *fx = *state;

    load_first_page(fx, 2500, 2500);
    assert_int_equal(model_list_pages_missing(fx->list), 24);
    model_list_load_all(fx->list);

    assert_int_equal(want(fx, 0, false, NOW), MAX_REQUESTS);
    assert_int_equal(model_list_pages_missing(fx->list), 24 - MAX_REQUESTS);
    answer_all(fx, MAX_REQUESTS, 2500, 2500);
    int n = want(fx, 0, false, NOW);
    assert_int_equal(n, 24 - MAX_REQUESTS);
    answer_all(fx, n, 2500, 2500);

    assert_true(model_list_is_whole(fx->list));
    assert_int_equal(model_list_pages_missing(fx->list), 0);
    for (long row = 0; row < 2500; row += 7)
        assert_int_equal(record_id(fx, row), row + 1);
}

static void
test_load_all_held_requests_screen_only(void **state)
{
    struct fixture *fx = *state;

    load_first_page(fx, 2500, 2500);
    model_list_load_all(fx->list);
    model_list_hold_load_all(fx->list, true);
    assert_int_equal(want(fx, 0, false, NOW), 0);        /* page 1 is loaded */
    assert_int_equal(want(fx, 1200, false, NOW), 1);     /* page 13, on screen */
    assert_int_equal(model_list_pages_missing(fx->list), 23);

    model_list_hold_load_all(fx->list, false);
    assert_int_equal(want(fx, 1200, false, NOW), MAX_REQUESTS);
}

static void
test_load_all_with_null_total(void **state)
{
    struct fixture *fx = *state;

    load_first_page(fx, 450, -1);
    assert_int_equal(model_list_pages_missing(fx->list), -1);
    model_list_load_all(fx->list);

    for (int page = 2; page <= 5; page++) {
        assert_false(model_list_is_whole(fx->list));
        assert_int_equal(want(fx, 0, false, NOW), 1);
        assert_int_equal(fx->reqs[0].page, page);
        answer_all(fx, 1, 450, -1);
    }
    assert_true(model_list_is_whole(fx->list));
    assert_int_equal(model_list_rows(fx->list), 450);
    assert_int_equal(want(fx, 0, false, NOW), 0);
}

static int
compare_rank_desc(struct json_object *a, struct json_object *b, void *ctx)
{
    int ra = json_object_get_int(json_object_object_get(a, "rank"));
    int rb = json_object_get_int(json_object_object_get(b, "rank"));

    (*(int *)ctx)++;
    return rb - ra;
}

static void
test_sort_whole_list_stable(void **state)
{
    struct fixture *fx = *state;
    int calls = 0;

    load_whole(fx, 300, 300);
    assert_true(model_list_sort(fx->list, compare_rank_desc, &calls));
    assert_true(calls > 0);

    /* rank 2 first (ids 2, 5, 8, ...), then rank 1, then rank 0; ties keep the
     * server's order. */
    assert_int_equal(model_list_rows(fx->list), 300);
    assert_int_equal(record_id(fx, 0), 2);
    assert_int_equal(record_id(fx, 1), 5);
    assert_int_equal(record_id(fx, 99), 299);
    assert_int_equal(record_id(fx, 100), 1);
    assert_int_equal(record_id(fx, 200), 3);
    assert_int_equal(record_id(fx, 299), 300);
    assert_int_equal(want(fx, 0, true, NOW), 0);

    model_list_unsort(fx->list);
    assert_int_equal(record_id(fx, 0), 1);
    assert_int_equal(record_id(fx, 299), 300);
}

static void
test_sort_rejected_until_whole(void **state)
{
    struct fixture *fx = *state;
    int calls = 0;

    load_first_page(fx, 300, 300);
    assert_false(model_list_sort(fx->list, compare_rank_desc, &calls));
    assert_int_equal(calls, 0);
    assert_int_equal(record_id(fx, 0), 1);
}

static bool
match_even(struct json_object *record, void *ctx)
{
    return json_object_get_int(json_object_object_get(record, "id")) % 2 == 0;
}

static bool
match_id(struct json_object *record, void *ctx)
{
    return json_object_get_int(json_object_object_get(record, "id")) == *(int *)ctx;
}

static void
test_filter_whole_list_complete(void **state)
{
    struct fixture *fx = *state;
    bool complete = false;
    int calls = 0;

    load_whole(fx, 300, 300);
    assert_int_equal(model_list_filter(fx->list, match_even, NULL, &complete), 150);
    assert_true(complete);
    assert_int_equal(model_list_rows(fx->list), 150);
    assert_int_equal(record_id(fx, 0), 2);
    assert_int_equal(record_id(fx, 149), 300);
    assert_range(fx, 0, "1-50 of 150 matches");

    /* Sorting keeps the filter, in the new order. */
    assert_true(model_list_sort(fx->list, compare_rank_desc, &calls));
    assert_int_equal(model_list_rows(fx->list), 150);
    assert_int_equal(record_id(fx, 0), 2);
    assert_int_equal(record_id(fx, 1), 8);

    model_list_clear_filter(fx->list);
    assert_false(model_list_is_filtered(fx->list, NULL));
    assert_int_equal(model_list_rows(fx->list), 300);
    assert_int_equal(record_id(fx, 1), 5);
}

static void
test_filter_loaded_rows_only(void **state)
{
    struct fixture *fx = *state;
    bool complete = true;

    load_first_page(fx, 100000, 100000);
    assert_int_equal(want(fx, 250, false, NOW), 1);
    answer_all(fx, 1, 100000, 100000);

    /* Pages 1 and 3 are loaded: their even ids match. */
    assert_int_equal(model_list_filter(fx->list, match_even, NULL, &complete), 100);
    assert_false(complete);
    assert_true(model_list_is_filtered(fx->list, &complete));
    assert_false(complete);
    assert_int_equal(record_id(fx, 49), 100);
    assert_int_equal(record_id(fx, 50), 202);
    assert_range(fx, 0, "1-50 of 100 matches in loaded rows");
    assert_int_equal(want(fx, 0, true, NOW), 0);

    /* Refresh forgets the filter with everything else. */
    model_list_refresh(fx->list);
    assert_false(model_list_is_filtered(fx->list, NULL));
    assert_int_equal(model_list_rows(fx->list), 0);
}

static void
test_filter_matching_nothing(void **state)
{
    struct fixture *fx = *state;
    int id = -5;

    load_first_page(fx, 100, 100);
    assert_int_equal(model_list_filter(fx->list, match_id, &id, NULL), 0);
    assert_true(model_list_is_filtered(fx->list, NULL));
    assert_int_equal(model_list_rows(fx->list), 0);
    assert_int_equal(row_state(fx, 0), MODEL_PAGE_MISSING);
    assert_range(fx, 0, "0 of 0 matches");
}

static void
test_find_wraps_both_ways(void **state)
{
    struct fixture *fx = *state;
    int id = 40;

    load_first_page(fx, 100000, 100000);
    assert_int_equal(model_list_find(fx->list, 10, 1, match_id, &id), 39);
    assert_int_equal(model_list_find(fx->list, 50, 1, match_id, &id), 39);
    assert_int_equal(model_list_find(fx->list, 50, -1, match_id, &id), 39);
    assert_int_equal(model_list_find(fx->list, 39, 1, match_id, &id), 39);

    id = 500;
    assert_int_equal(model_list_find(fx->list, 0, 1, match_id, &id), -1);
    assert_int_equal(model_list_find(fx->list, 0, -1, match_even, NULL), 99);
}

/* Builds an array of events with the given ids; string_ids sends them as
 * strings, as some CATS responses do. */
static struct json_object *
make_events(const int *ids, int count, bool string_ids)
{
    struct json_object *rows = json_object_new_array();

    for (int i = 0; i < count; i++) {
        struct json_object *event = json_object_new_object();
        char text[32];

        snprintf(text, sizeof text, "%d", ids[i]);
        json_object_object_add(event, "id", string_ids ? json_object_new_string(text)
                                                       : json_object_new_int(ids[i]));
        json_object_array_add(rows, event);
    }
    return rows;
}

static void
test_feed_appends_new_rows(void **state)
{
    struct fixture *fx = *state;
    static const int first_poll[] = { 1, 2, 3 };
    static const int second_poll[] = { 3, 4, 5 };

    model_close(fx->model, fx->list);
    fx->list = model_open_feed(fx->model, "/events", "events");
    assert_int_equal(model_list_rows(fx->list), 0);
    assert_true(model_list_total_known(fx->list));
    assert_range(fx, 0, "0 of 0");
    assert_int_equal(want(fx, 0, true, NOW), 0);

    assert_int_equal(model_feed_append(fx->list, make_events(first_poll, 3, false)), 3);
    assert_int_equal(model_feed_append(fx->list, make_events(second_poll, 3, true)), 2);
    assert_int_equal(model_list_rows(fx->list), 5);
    for (long i = 0; i < 5; i++)
        assert_int_equal(record_id(fx, i), i + 1);
    assert_true(model_list_is_whole(fx->list));
    assert_range(fx, 0, "1-5 of 5");
    assert_int_equal(want(fx, 0, true, NOW), 0);

    model_list_refresh(fx->list);
    assert_int_equal(model_list_rows(fx->list), 0);
    assert_int_equal(model_feed_append(fx->list, make_events(first_poll, 3, false)), 3);
}

static void
test_feed_grows_past_one_page(void **state)
{
    struct fixture *fx = *state;
    int ids[MODEL_PER_PAGE];

    model_close(fx->model, fx->list);
    fx->list = model_open_feed(fx->model, "/events", "events");
    for (int poll = 0; poll < 3; poll++) {
        for (int i = 0; i < MODEL_PER_PAGE; i++)
            ids[i] = poll * MODEL_PER_PAGE + i + 1;
        assert_int_equal(model_feed_append(fx->list, make_events(ids, MODEL_PER_PAGE, false)),
                         MODEL_PER_PAGE);
        assert_int_equal(want(fx, 0, true, NOW), 0);
    }
    assert_int_equal(model_list_rows(fx->list), 3 * MODEL_PER_PAGE);
    assert_int_equal(record_id(fx, 0), 1);
    assert_int_equal(record_id(fx, 3 * MODEL_PER_PAGE - 1), 3 * MODEL_PER_PAGE);
}

static void
test_append_rejects_paged_list(void **state)
{
    struct fixture *fx = *state;
    static const int ids[] = { 1 };

    assert_int_equal(model_feed_append(fx->list, make_events(ids, 1, false)), -1);
    assert_int_equal(model_list_rows(fx->list), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_first_want_requests_page_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loaded_page_shows_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jump_to_end_costs_one_request, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefetch_next_page_optional, setup, teardown),
        cmocka_unit_test_setup_teardown(test_far_pages_evicted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_generation_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_closed_list_result_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unrequested_page_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_total_null_uses_next_link, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_page_retried_on_request, setup, teardown),
        cmocka_unit_test_setup_teardown(test_waiting_page_requested_when_due, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_list_is_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_non_array_rows_fail_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shrunk_total_drops_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_all_fetches_every_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_all_held_requests_screen_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_all_with_null_total, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort_whole_list_stable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort_rejected_until_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter_whole_list_complete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter_loaded_rows_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filter_matching_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_wraps_both_ways, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feed_appends_new_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feed_grows_past_one_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_append_rejects_paged_list, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
