/* model.c: sparse paged lists of server records, for the UI thread only. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "mem.h"
#include "model.h"

struct model_page {
    enum model_page_state state;
    struct json_object *rows; /* LOADED: a json-c array, one reference */
    char *message;            /* FAILED and WAITING */
    time_t until;             /* WAITING */
};

/* One row of a sorted or filtered view: a reference to the record, and the
 * row's index in the server's order, which breaks ties when sorting. */
struct model_entry {
    struct json_object *record;
    long index;
};

/* Rows in an order of the view's own; entries is NULL when inactive. */
struct model_view {
    struct model_entry *entries;
    long count;
};

struct model_list {
    struct model_list *next;
    struct model *owner;
    unsigned long id;
    unsigned long generation;
    char *path;
    char *plural;
    int per_page;

    struct model_page *pages; /* pages[0] is page 1 */
    long page_slots;
    long total;      /* -1 while unknown */
    long known_rows; /* rows up to the end of the furthest page received */
    bool more;       /* rows may follow known_rows */
    bool load_all;
    bool load_all_held; /* model_list_hold_load_all(): background pages wait */
    bool feed;       /* rows come from model_feed_append(), not requests */
    int64_t feed_last_id; /* the largest numeric id appended to a feed */

    struct model_view sorted;
    struct model_view filtered;
    bool filter_complete;
};

struct model {
    struct model_list *lists;
    unsigned long last_id;
    unsigned long last_generation;
};

/* An inclusive range of 1-based page numbers; empty when first > last. */
struct page_range {
    long first;
    long last;
};

/* The request buffer that model_list_want() fills. */
struct request_sink {
    struct model_request *reqs;
    int max;
    int count;
};

static void
view_clear(struct model_view *view)
{
    for (long i = 0; i < view->count; i++)
        json_object_put(view->entries[i].record);
    free(view->entries);
    view->entries = NULL;
    view->count = 0;
}

static void
page_clear(struct model_page *page)
{
    json_object_put(page->rows);
    free(page->message);
    memset(page, 0, sizeof *page);
}

static void
page_set_message(struct model_page *page, enum model_page_state state, const char *message)
{
    page_clear(page);
    page->state = state;
    page->message = mem_strdup(message ? message : "");
}

static long
page_row_count(const struct model_page *page)
{
    return page->state == MODEL_PAGE_LOADED ? (long)json_object_array_length(page->rows) : 0;
}

static void
list_clear_pages(struct model_list *list)
{
    for (long i = 0; i < list->page_slots; i++)
        page_clear(&list->pages[i]);
    free(list->pages);
    list->pages = NULL;
    list->page_slots = 0;
}

/* Resets a list to "nothing known" under a new generation. */
static void
list_reset(struct model_list *list)
{
    list_clear_pages(list);
    view_clear(&list->sorted);
    view_clear(&list->filtered);
    list->generation = ++list->owner->last_generation;
    list->total = -1;
    list->known_rows = 0;
    list->more = true;
    list->load_all = false;
    list->filter_complete = false;
    if (list->feed) {
        list->total = 0;
        list->more = false;
        list->feed_last_id = INT64_MIN;
    }
}

static struct model_page *
list_page(const struct model_list *list, long page)
{
    if (page < 1 || page > list->page_slots)
        return NULL;
    return &list->pages[page - 1];
}

static struct model_page *
list_page_grow(struct model_list *list, long page)
{
    if (page > list->page_slots) {
        long slots = page > list->page_slots * 2 ? page : list->page_slots * 2;

        list->pages = mem_realloc(list->pages, (size_t)slots * sizeof *list->pages);
        memset(list->pages + list->page_slots, 0,
               (size_t)(slots - list->page_slots) * sizeof *list->pages);
        list->page_slots = slots;
    }
    return &list->pages[page - 1];
}

/* Rows of the list in the server's order, filters and sorts aside. */
static long
list_base_rows(const struct model_list *list)
{
    return list->total >= 0 ? list->total : list->known_rows;
}

/* The last page that can exist, or -1 when the total is unknown. */
static long
list_last_page(const struct model_list *list)
{
    if (list->total < 0)
        return -1;
    return (list->total + list->per_page - 1) / list->per_page;
}

static long
row_page(const struct model_list *list, long row)
{
    return row / list->per_page + 1;
}

static bool
view_active(const struct model_list *list)
{
    return list->sorted.entries != NULL || list->filtered.entries != NULL;
}

struct model *
model_new(void)
{
    return mem_calloc(1, sizeof(struct model));
}

struct model_list *
model_open(struct model *model, const char *path, const char *plural)
{
    struct model_list *list = mem_calloc(1, sizeof *list);

    list->owner = model;
    list->id = ++model->last_id;
    list->path = mem_strdup(path);
    list->plural = mem_strdup(plural);
    list->per_page = MODEL_PER_PAGE;
    list_reset(list);

    list->next = model->lists;
    model->lists = list;
    return list;
}

struct model_list *
model_open_feed(struct model *model, const char *path, const char *plural)
{
    struct model_list *list = model_open(model, path, plural);

    list->feed = true;
    list_reset(list);
    return list;
}

/* Reads a row's "id", given as a JSON integer or a string of digits (CATS
 * sends both).  Returns false when it is neither. */
static bool
row_id(struct json_object *row, int64_t *value)
{
    struct json_object *id = json_object_object_get(row, "id");
    const char *text = json_object_get_string(id);
    char *end = NULL;

    if (json_object_is_type(id, json_type_int)) {
        *value = json_object_get_int64(id);
        return true;
    }
    if (!json_object_is_type(id, json_type_string) || text[0] < '0' || text[0] > '9')
        return false;
    *value = strtoll(text, &end, 10);
    return *end == '\0';
}

/* Returns whether a feed already has a row with this one's id or a later one. */
static bool
feed_repeats(struct model_list *list, struct json_object *row)
{
    int64_t value;

    if (!row_id(row, &value))
        return false;
    if (value <= list->feed_last_id)
        return true;
    list->feed_last_id = value;
    return false;
}

static void
feed_push(struct model_list *list, struct json_object *row)
{
    struct model_page *page = list_page_grow(list, row_page(list, list->total));

    if (page->state != MODEL_PAGE_LOADED) {
        page_clear(page);
        page->state = MODEL_PAGE_LOADED;
        page->rows = json_object_new_array();
    }
    json_object_array_add(page->rows, json_object_get(row));
    list->total++;
    list->known_rows = list->total;
}

long
model_feed_append(struct model_list *list, struct json_object *rows)
{
    long added = 0;

    if (!list->feed || !json_object_is_type(rows, json_type_array)) {
        json_object_put(rows);
        return -1;
    }
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        struct json_object *row = json_object_array_get_idx(rows, i);

        if (!feed_repeats(list, row)) {
            feed_push(list, row);
            added++;
        }
    }
    json_object_put(rows);
    return added;
}

static void
list_free(struct model_list *list)
{
    list_clear_pages(list);
    view_clear(&list->sorted);
    view_clear(&list->filtered);
    free(list->path);
    free(list->plural);
    free(list);
}

void
model_close(struct model *model, struct model_list *list)
{
    for (struct model_list **link = &model->lists; *link; link = &(*link)->next) {
        if (*link == list) {
            *link = list->next;
            list_free(list);
            return;
        }
    }
}

void
model_free(struct model *model)
{
    if (model == NULL)
        return;
    while (model->lists)
        model_close(model, model->lists);
    free(model);
}

struct model_list *
model_find(struct model *model, unsigned long list_id)
{
    for (struct model_list *list = model->lists; list; list = list->next)
        if (list->id == list_id)
            return list;
    return NULL;
}

unsigned long
model_list_id(const struct model_list *list)
{
    return list->id;
}

unsigned long
model_list_generation(const struct model_list *list)
{
    return list->generation;
}

const char *
model_list_path(const struct model_list *list)
{
    return list->path;
}

const char *
model_list_plural(const struct model_list *list)
{
    return list->plural;
}

/* Returns the page a result is for, or NULL when the result is stale: its
 * list is closed or refreshed since, or the page is no longer loading. */
static struct model_page *
result_page(struct model *model, const struct model_result_key *key, struct model_list **list)
{
    *list = model_find(model, key->list_id);
    if (*list == NULL || (*list)->generation != key->generation)
        return NULL;

    struct model_page *page = list_page(*list, key->page);
    if (page == NULL || page->state != MODEL_PAGE_LOADING)
        return NULL;
    return page;
}

/* Records a new total; pages past its end are dropped (the server's list
 * shrank since they were fetched). */
static void
list_set_total(struct model_list *list, long total)
{
    list->total = total;
    for (long page = list_last_page(list) + 1; page <= list->page_slots; page++) {
        struct model_page *slot = list_page(list, page);

        if (slot->state != MODEL_PAGE_LOADING)
            page_clear(slot);
    }
    if (list->known_rows > total)
        list->known_rows = total;
}

/* Updates what is known of the list's length from a received page. */
static void
list_learn_length(struct model_list *list, long page, long count, long total, bool has_next)
{
    long end = (page - 1) * list->per_page + count;

    if (end >= list->known_rows) {
        list->known_rows = end;
        list->more = has_next;
    }
    if (total >= 0)
        list_set_total(list, total);
    else if (!has_next && (count > 0 || page == 1))
        list_set_total(list, end);
}

bool
model_apply_rows(struct model *model, const struct model_result_key *key,
                 struct json_object *rows, long total, bool has_next)
{
    struct model_list *list;
    struct model_page *page = result_page(model, key, &list);

    if (page == NULL) {
        json_object_put(rows);
        return false;
    }
    if (!json_object_is_type(rows, json_type_array)) {
        json_object_put(rows);
        page_set_message(page, MODEL_PAGE_FAILED, "the server sent a page without a list of rows");
        return true;
    }

    page_clear(page);
    page->state = MODEL_PAGE_LOADED;
    page->rows = rows;
    list_learn_length(list, key->page, page_row_count(page), total, has_next);
    return true;
}

bool
model_apply_failure(struct model *model, const struct model_result_key *key, const char *message)
{
    struct model_list *list;
    struct model_page *page = result_page(model, key, &list);

    if (page == NULL)
        return false;
    page_set_message(page, MODEL_PAGE_FAILED, message);
    return true;
}

bool
model_apply_wait(struct model *model, const struct model_result_key *key, time_t until,
                 const char *message)
{
    struct model_list *list;
    struct model_page *page = result_page(model, key, &list);

    if (page == NULL)
        return false;
    page_set_message(page, MODEL_PAGE_WAITING, message);
    page->until = until;
    return true;
}

/* Pages holding rows [first, first + count), clipped to the list.  While
 * the length is unknown, reaching the last known row also takes the page
 * after it when more rows may follow. */
static struct page_range
rows_to_pages(const struct model_list *list, long first, long count)
{
    long rows = list_base_rows(list);
    long end = first + count;
    struct page_range range = { 1, 0 };

    if (first < 0)
        first = 0;
    if (end > rows)
        end = rows;
    if (first < end) {
        range.first = row_page(list, first);
        range.last = row_page(list, end - 1);
    }
    if (list->total < 0 && list->more && first + count >= rows) {
        long next = row_page(list, rows);

        range.first = first < end ? range.first : next;
        range.last = next;
    }
    return range;
}

static void
sink_add(struct request_sink *sink, struct model_list *list, long page_number)
{
    struct model_request *req = &sink->reqs[sink->count++];
    struct model_page *page = list_page_grow(list, page_number);

    page_clear(page);
    page->state = MODEL_PAGE_LOADING;

    req->list_id = list->id;
    req->generation = list->generation;
    req->path = list->path;
    req->plural = list->plural;
    req->page = (int)page_number;
    req->per_page = list->per_page;
}

/* Requests page_number when it is missing, or waiting and due. */
static void
request_page(struct model_list *list, long page_number, time_t now, struct request_sink *sink)
{
    long last = list_last_page(list);
    struct model_page *page = list_page(list, page_number);

    if (sink->count >= sink->max || page_number < 1 || (last >= 0 && page_number > last))
        return;
    if (page == NULL || page->state == MODEL_PAGE_MISSING
        || (page->state == MODEL_PAGE_WAITING && page->until <= now))
        sink_add(sink, list, page_number);
}

static void
request_range(struct model_list *list, struct page_range range, time_t now,
              struct request_sink *sink)
{
    for (long page = range.first; page <= range.last; page++)
        request_page(list, page, now, sink);
}

/* Requests what the whole list still lacks, in page order.  With the total
 * unknown the pages can only be found one after another. */
static void
request_whole(struct model_list *list, time_t now, struct request_sink *sink)
{
    long last = list_last_page(list);

    if (last < 0) {
        if (list->more)
            request_page(list, row_page(list, list->known_rows), now, sink);
        return;
    }
    for (long page = 1; page <= last && sink->count < sink->max; page++)
        request_page(list, page, now, sink);
}

/* Frees the rows of loaded pages more than MODEL_KEEP_PAGES from screen.
 * Failed and waiting pages stay, so their message and wait are kept. */
static void
evict_far_pages(struct model_list *list, struct page_range screen)
{
    for (long page = 1; page <= list->page_slots; page++) {
        struct model_page *slot = list_page(list, page);
        bool near = page >= screen.first - MODEL_KEEP_PAGES && page <= screen.last + MODEL_KEEP_PAGES;

        if (!near && slot->state == MODEL_PAGE_LOADED)
            page_clear(slot);
    }
}

int
model_list_want(struct model_list *list, long first, int count, bool prefetch, time_t now,
                struct model_request *reqs, int max)
{
    struct request_sink sink = { .reqs = reqs, .max = max, .count = 0 };
    struct page_range screen = rows_to_pages(list, first, count);

    if (list->feed)
        return 0;

    if (!view_active(list)) {
        if (!list->load_all)
            evict_far_pages(list, screen);
        request_range(list, screen, now, &sink);
    }
    if (prefetch && !view_active(list)) {
        request_range(list, rows_to_pages(list, first + count, count), now, &sink);
        request_range(list, rows_to_pages(list, first - count, count), now, &sink);
    }
    if (list->load_all && !list->load_all_held)
        request_whole(list, now, &sink);
    return sink.count;
}

long
model_list_rows(const struct model_list *list)
{
    if (list->filtered.entries != NULL)
        return list->filtered.count;
    if (list->sorted.entries != NULL)
        return list->sorted.count;
    return list_base_rows(list);
}

bool
model_list_total_known(const struct model_list *list)
{
    return list->total >= 0;
}

/* Returns the view whose order the UI shows, or NULL for the server's order. */
static const struct model_view *
current_view(const struct model_list *list)
{
    if (list->filtered.entries != NULL)
        return &list->filtered;
    if (list->sorted.entries != NULL)
        return &list->sorted;
    return NULL;
}

/* Describes row index in the server's order. */
static void
base_row(const struct model_list *list, long index, struct model_row *row)
{
    const struct model_page *page = list_page(list, row_page(list, index));

    if (page == NULL || index < 0)
        return;
    row->state = page->state;
    row->message = page->message;
    row->until = page->until;
    if (page->state != MODEL_PAGE_LOADED)
        return;

    long slot = index % list->per_page;
    if (slot < page_row_count(page))
        row->record = json_object_array_get_idx(page->rows, (size_t)slot);
    else
        row->state = MODEL_PAGE_MISSING;
}

void
model_list_row(const struct model_list *list, long index, struct model_row *row)
{
    const struct model_view *view = current_view(list);

    memset(row, 0, sizeof *row);
    row->state = MODEL_PAGE_MISSING;
    if (view == NULL) {
        base_row(list, index, row);
        return;
    }
    if (index >= 0 && index < view->count) {
        row->state = MODEL_PAGE_LOADED;
        row->record = view->entries[index].record;
    }
}

static const char *
range_suffix(const struct model_list *list)
{
    if (list->filtered.entries != NULL)
        return list->filter_complete ? " matches" : " matches in loaded rows";
    if (list->total < 0 && list->known_rows > 0)
        return "+";
    return "";
}

char *
model_list_format_range(const struct model_list *list, long first, int count, char *buf,
                        size_t size)
{
    long rows = model_list_rows(list);
    long last = first + count < rows ? first + count : rows;
    bool unknown = current_view(list) == NULL && list->total < 0 && list->known_rows == 0;

    if (unknown)
        snprintf(buf, size, "0 of ?");
    else if (rows == 0 || count <= 0 || first >= last)
        snprintf(buf, size, "0 of %ld%s", rows, range_suffix(list));
    else
        snprintf(buf, size, "%ld-%ld of %ld%s", first + 1, last, rows, range_suffix(list));
    return buf;
}

void
model_list_refresh(struct model_list *list)
{
    list_reset(list);
}

int
model_list_retry(struct model_list *list)
{
    int count = 0;

    for (long i = 0; i < list->page_slots; i++) {
        struct model_page *page = &list->pages[i];

        if (page->state == MODEL_PAGE_FAILED || page->state == MODEL_PAGE_WAITING) {
            page_clear(page);
            count++;
        }
    }
    return count;
}

long
model_list_pages_missing(const struct model_list *list)
{
    long last = list_last_page(list);
    long missing = 0;

    if (last < 0)
        return -1;
    for (long page = 1; page <= last; page++) {
        const struct model_page *slot = list_page(list, page);

        if (slot == NULL || (slot->state != MODEL_PAGE_LOADED && slot->state != MODEL_PAGE_LOADING))
            missing++;
    }
    return missing;
}

void
model_list_load_all(struct model_list *list)
{
    list->load_all = true;
}

void
model_list_hold_load_all(struct model_list *list, bool hold)
{
    list->load_all_held = hold;
}

bool
model_list_is_whole(const struct model_list *list)
{
    long last = list_last_page(list);

    if (last < 0)
        return false;
    for (long page = 1; page <= last; page++) {
        const struct model_page *slot = list_page(list, page);

        if (slot == NULL || slot->state != MODEL_PAGE_LOADED)
            return false;
    }
    return true;
}

static void
view_push(struct model_view *view, long *room, struct json_object *record, long index)
{
    if (view->count == *room) {
        *room = *room ? *room * 2 : 64;
        view->entries = mem_realloc(view->entries, (size_t)*room * sizeof *view->entries);
    }
    view->entries[view->count].record = json_object_get(record);
    view->entries[view->count].index = index;
    view->count++;
}

/* Appends every loaded record, in the server's order, that match accepts
 * (all of them when match is NULL). */
static void
collect_loaded(const struct model_list *list, struct model_view *view, model_match_fn match,
               void *ctx)
{
    long room = 0;

    view->entries = mem_alloc(sizeof *view->entries);
    for (long page = 1; page <= list->page_slots; page++) {
        const struct model_page *slot = list_page(list, page);
        long rows = page_row_count(slot);

        for (long i = 0; i < rows; i++) {
            struct json_object *record = json_object_array_get_idx(slot->rows, (size_t)i);

            if (match == NULL || match(record, ctx))
                view_push(view, &room, record, (page - 1) * list->per_page + i);
        }
    }
}

/* The comparison a sort runs, passed to qsort_r() as its context. */
struct sort_order {
    model_compare_fn compare; /* NULL: the server's order alone */
    void *ctx;
};

static int
compare_entries(const void *a, const void *b, void *order_arg)
{
    const struct model_entry *x = a, *y = b;
    const struct sort_order *order = order_arg;
    int result = order->compare ? order->compare(x->record, y->record, order->ctx) : 0;

    if (result != 0)
        return result;
    return (x->index > y->index) - (x->index < y->index);
}

static void
view_sort(struct model_view *view, model_compare_fn compare, void *ctx)
{
    struct sort_order order = { .compare = compare, .ctx = ctx };

    qsort_r(view->entries, (size_t)view->count, sizeof *view->entries, compare_entries, &order);
}

bool
model_list_sort(struct model_list *list, model_compare_fn compare, void *ctx)
{
    if (!model_list_is_whole(list))
        return false;

    view_clear(&list->sorted);
    collect_loaded(list, &list->sorted, NULL, NULL);
    view_sort(&list->sorted, compare, ctx);
    if (list->filtered.entries != NULL)
        view_sort(&list->filtered, compare, ctx);
    return true;
}

void
model_list_unsort(struct model_list *list)
{
    view_clear(&list->sorted);
    if (list->filtered.entries != NULL)
        view_sort(&list->filtered, NULL, NULL);
}

long
model_list_filter(struct model_list *list, model_match_fn match, void *ctx, bool *complete)
{
    view_clear(&list->filtered);

    if (list->sorted.entries != NULL) {
        long room = 0;

        list->filtered.entries = mem_alloc(sizeof *list->filtered.entries);
        for (long i = 0; i < list->sorted.count; i++)
            if (match(list->sorted.entries[i].record, ctx))
                view_push(&list->filtered, &room, list->sorted.entries[i].record,
                          list->sorted.entries[i].index);
    } else {
        collect_loaded(list, &list->filtered, match, ctx);
    }

    list->filter_complete = model_list_is_whole(list);
    if (complete != NULL)
        *complete = list->filter_complete;
    return list->filtered.count;
}

void
model_list_clear_filter(struct model_list *list)
{
    view_clear(&list->filtered);
    list->filter_complete = false;
}

bool
model_list_is_filtered(const struct model_list *list, bool *complete)
{
    if (complete != NULL)
        *complete = list->filter_complete;
    return list->filtered.entries != NULL;
}

long
model_list_find(const struct model_list *list, long from, int direction, model_match_fn match,
                void *ctx)
{
    long rows = model_list_rows(list);
    int step = direction < 0 ? -1 : 1;

    for (long i = 1; i <= rows; i++) {
        long index = ((from + step * i) % rows + rows) % rows;
        struct model_row row;

        model_list_row(list, index, &row);
        if (row.record != NULL && match(row.record, ctx))
            return index;
    }
    return -1;
}
