/* model.h: sparse paged lists of server records, owned by the UI thread.
 *
 * A list mirrors one server collection, such as path "/tasks" whose pages
 * carry their rows in "_embedded.tasks".  It holds only some of the pages:
 * those the screen shows or is about to show.  Each page is in one of the
 * states of enum model_page_state.
 *
 * The cycle, all on the UI thread (the model has no locks):
 *
 *   1. Before drawing, the UI calls model_list_want() with the rows on
 *      screen.  The model marks the pages those rows need as loading and
 *      returns one struct model_request for each, which the UI hands to
 *      the fetcher threads.  The same call evicts pages far from the screen.
 *   2. It draws each row with model_list_row(): the record, or the state of
 *      the row's page (loading, failed with a message, waiting out a 429).
 *   3. When a fetcher thread's result arrives, the UI applies it with
 *      model_apply_rows(), model_apply_failure() or model_apply_wait()
 *      (fetch_apply_page() in fetch.h picks the right one).  A
 *      result is matched to its list by list id and generation: a result
 *      for a closed list, or for an older generation of a refreshed list,
 *      is dropped and freed.
 *
 * Row indexes are 0-based; page numbers are 1-based as on the server, and
 * row i lives on page i / per_page + 1.
 *
 * Memory: the model owns every list, page and record.  Pointers that it
 * returns (records, messages, path and plural strings) are borrowed: they
 * stay valid until the next call that changes the model (model_list_want,
 * model_apply_*, model_feed_append, model_list_refresh, model_list_retry,
 * model_list_load_all, the sort and filter functions, model_close,
 * model_free).  A caller that
 * keeps a record longer takes its own reference with json_object_get().
 */
#ifndef CATS_MODEL_H
#define CATS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct json_object;

/* Rows per page requested from the server, which allows at most 100. */
#define MODEL_PER_PAGE 100

/* Pages kept on each side of the pages on screen before eviction. */
#define MODEL_KEEP_PAGES 2

enum model_page_state {
    MODEL_PAGE_MISSING, /* not requested yet, or evicted, or reset by a retry */
    MODEL_PAGE_LOADING, /* requested; its result has not been applied yet */
    MODEL_PAGE_LOADED,  /* rows present */
    MODEL_PAGE_FAILED,  /* the request failed; message contains the error */
    MODEL_PAGE_WAITING, /* rate limited: requested again once until passes */
};

/* All lists of one console. */
struct model;

/* One server collection. */
struct model_list;

/* One page for the fetcher to load: GET path?page=page&per_page=per_page,
 * rows in "_embedded.<plural>".  path and plural are borrowed from the list;
 * copy them before handing the request to another thread.  list_id,
 * generation and page come back with the result. */
struct model_request {
    unsigned long list_id;
    unsigned long generation;
    const char *path;
    const char *plural;
    int page;
    int per_page;
};

/* The identity of a result, copied from the request it belongs to. */
struct model_result_key {
    unsigned long list_id;
    unsigned long generation;
    int page;
};

/* The content of one row: its record, or its page's state. */
struct model_row {
    enum model_page_state state;
    struct json_object *record; /* MODEL_PAGE_LOADED: the row, borrowed */
    const char *message;        /* FAILED and WAITING: the error, borrowed */
    time_t until;               /* WAITING: when the page is requested again */
};

/* Returns true when a record matches; ctx is the caller's. */
typedef bool (*model_match_fn)(struct json_object *record, void *ctx);

/* Orders two records like strcmp; ctx is the caller's. */
typedef int (*model_compare_fn)(struct json_object *a, struct json_object *b, void *ctx);

struct model *model_new(void);

/* Frees every list, page and record. */
void model_free(struct model *model);

/* Opens a list of the collection at path (e.g. "/tasks", or
 * "/portals/7/jobs"; it may carry a query string such as
 * "/activities/search?query=call") whose rows are in "_embedded.<plural>".
 * The strings are copied.  The list starts empty, with no request made. */
struct model_list *model_open(struct model *model, const char *path, const char *plural);

/* Opens a feed: a list that grows at its end, such as the live events
 * view.  It makes no page requests; model_feed_append() adds its rows.  It
 * is always whole, so it can be sorted and filtered, and nothing is
 * evicted.  NOTE: a feed keeps every row appended until refreshed. */
struct model_list *model_open_feed(struct model *model, const char *path, const char *plural);

/* Appends rows (a json-c array whose reference the feed takes) to a feed.
 * A row whose numeric "id" is not above the largest id appended so far is
 * skipped as a repeat of an earlier poll; rows without an id are kept.
 * While a sort or filter is active, the new rows show once it is redone.
 * Returns the number of rows appended, or -1 when list is not a feed or
 * rows is not an array. */
long model_feed_append(struct model_list *list, struct json_object *rows);

/* Frees a list.  Results that arrive for it later are dropped. */
void model_close(struct model *model, struct model_list *list);

/* Returns the open list with this id, or NULL when it was closed. */
struct model_list *model_find(struct model *model, unsigned long list_id);

/* Applies a page of rows.  rows is a json-c array whose reference the model
 * takes in every case.  total is the server's "total", or -1 when it sent
 * null or none; has_next tells whether "_links.next" was present.  Returns
 * true when applied, false when dropped as stale (list closed, generation
 * older, or the page no longer loading). */
bool model_apply_rows(struct model *model, const struct model_result_key *key,
                      struct json_object *rows, long total, bool has_next);

/* Marks a page failed with message (copied), e.g. "the server answered 500
 * Internal Server Error".  Returns false when dropped as stale. */
bool model_apply_failure(struct model *model, const struct model_result_key *key,
                         const char *message);

/* Marks a page rate limited until the given time; model_list_want()
 * requests it again after that.  Returns false when dropped as stale. */
bool model_apply_wait(struct model *model, const struct model_result_key *key,
                      time_t until, const char *message);

unsigned long model_list_id(const struct model_list *list);
unsigned long model_list_generation(const struct model_list *list);
const char *model_list_path(const struct model_list *list);
const char *model_list_plural(const struct model_list *list);

/* Fills reqs (room for max) with the pages to request so that rows
 * [first, first + count) can be shown, and marks them loading.  Missing
 * pages are requested, and waiting pages whose time (compared with now) has
 * passed.  With prefetch, pages within one screen (count rows) above or
 * below are requested too; pass false when the rate-limit budget is low.
 * When the total is unknown, the page after the last known row is
 * requested whenever the screen reaches that row and the server reported that more
 * follow.  While a filter or sort is active, nothing is requested.  After
 * a model_list_load_all(), every missing page is requested, those on
 * screen first.  Pages more than MODEL_KEEP_PAGES pages from the screen
 * are evicted unless the whole list was requested.  Returns the number of
 * requests written.  During a load-all, keep max small (e.g. the idle
 * fetcher workers) so that the screen's pages are not queued behind
 * hundreds of others. */
int model_list_want(struct model_list *list, long first, int count, bool prefetch,
                    time_t now, struct model_request *reqs, int max);

/* Returns the number of rows the UI can move over: the filtered matches
 * while a filter is active, else the total when known, else the rows up
 * to the end of the last page received so far. */
long model_list_rows(const struct model_list *list);

/* Returns whether the server's total is known (from "total", or because a
 * page without "_links.next" showed where the list ends). */
bool model_list_total_known(const struct model_list *list);

/* Describes what row index shows. */
void model_list_row(const struct model_list *list, long index, struct model_row *row);

/* Writes "x-y of N" for rows [first, first + count) into buf: "of N+"
 * when more rows are known to follow the N received so far, "of ?" before
 * anything is known, "x-y of N matches" while a filter is active, and
 * "x-y of N matches in loaded rows" when that filter could not see the
 * whole list.  Returns buf. */
char *model_list_format_range(const struct model_list *list, long first, int count,
                              char *buf, size_t size);

/* Forgets every page (every row of a feed) and bumps the generation, so results of requests
 * already made are dropped when they arrive.  Also clears the sort, the
 * filter and a model_list_load_all(). */
void model_list_refresh(struct model_list *list);

/* Turns failed and waiting pages back into missing ones, so the next
 * model_list_want() requests them.  Returns how many. */
int model_list_retry(struct model_list *list);

/* Returns the number of requests still needed to hold every row, or -1
 * while the total is unknown.  The console requests confirmation before spending more than
 * a tenth of the remaining rate-limit budget on this. */
long model_list_pages_missing(const struct model_list *list);

/* Requests the whole list: from now on model_list_want() requests every
 * missing page and nothing is evicted, until model_list_refresh(). */
void model_list_load_all(struct model_list *list);

/* Holds back (hold true) or lets go the pages a model_list_load_all()
 * requests beyond those on screen: while held, model_list_want() requests
 * only the pages on screen and, with prefetch, next to it.  The console
 * holds them back while the rate-limit budget is low or requests are queued,
 * so a long load never spends the last of the budget and never delays
 * what the user requests. */
void model_list_hold_load_all(struct model_list *list, bool hold);

/* Returns true when every page of the list is loaded. */
bool model_list_is_whole(const struct model_list *list);

/* Sorts a whole list with compare (stable: equal records keep the server's
 * order).  Returns false, changing nothing, when the list is not whole. */
bool model_list_sort(struct model_list *list, model_compare_fn compare, void *ctx);

/* Returns to the server's order. */
void model_list_unsort(struct model_list *list);

/* Shows only the records that match, in the current order.  When the list
 * is not whole only the loaded records are searched, and *complete (when
 * not NULL) is set false.  The filter is a snapshot: it replaces any
 * earlier one and does not grow when pages arrive later.  Returns the
 * number of matches. */
long model_list_filter(struct model_list *list, model_match_fn match, void *ctx,
                       bool *complete);

void model_list_clear_filter(struct model_list *list);

/* Returns whether a filter is active, and through complete whether it saw
 * the whole list. */
bool model_list_is_filtered(const struct model_list *list, bool *complete);

/* Returns the index of the first loaded row after from (direction 1) or
 * before it (direction -1) that matches, wrapping around the ends, or -1
 * when none does.  from itself is checked last. */
long model_list_find(const struct model_list *list, long from, int direction,
                     model_match_fn match, void *ctx);

#endif
