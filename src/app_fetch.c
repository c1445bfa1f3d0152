/* app_fetch.c: the console's side of the fetcher: it hands requests to the
 * worker threads and applies their results on the UI thread. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "api.h"
#include "app.h"
#include "config_file.h"
#include "feed.h"
#include "fetch.h"
#include "model.h"
#include "screen.h"
#include "text.h"

#define USER_PAGES_MAX 5    /* user names beyond 500 users show as ids */

void
app_request_page(struct app *app, const struct model_request *request)
{
    fetch_page(app->fetch, request);
}

void
app_request_record(struct app *app, const char *path, unsigned long token)
{
    fetch_get(app->fetch, token, path);
}

bool
app_request_events(struct app *app, unsigned long tag, int64_t after_timestamp)
{
    return fetch_events(app->fetch, tag, after_timestamp) == 0;
}

bool
app_request_events_at(struct app *app, unsigned long tag, const char *path)
{
    return fetch_get_list(app->fetch, tag, path, "events") == 0;
}

void
app_request_site(struct app *app)
{
    fetch_get(app->fetch, APP_TAG_SITE, "/site");
}

void
app_request_users(struct app *app)
{
    struct model_request requests[USER_PAGES_MAX];
    int count;

    if (app->users_list == NULL)
        app->users_list = model_open(app->model, "/users", "users");
    count = model_list_want(app->users_list, 0, USER_PAGES_MAX * MODEL_PER_PAGE, false,
                            time(NULL), requests, USER_PAGES_MAX);
    for (int i = 0; i < count; i++)
        fetch_page(app->fetch, &requests[i]);
}

long
app_budget_remaining(struct app *app)
{
    struct api_rate_limit rate;

    api_session_rate_limit(app->session, &rate);
    return rate.remaining;
}

bool
app_budget_allows_prefetch(struct app *app)
{
    struct api_rate_limit rate;
    long reserve = app->config ? app->config->prefetch_reserve : 0;

    /* Keep at least a tenth of the budget for what the user asks for. */
    api_session_rate_limit(app->session, &rate);
    if (rate.limit > 0 && rate.limit / 10 > reserve)
        reserve = rate.limit / 10;
    return fetch_prefetch_allowed(app->fetch, reserve);
}

int
app_requests_pending(struct app *app)
{
    return fetch_pending(app->fetch);
}

bool
app_rate_limited(struct app *app)
{
    struct api_rate_limit rate;

    api_session_rate_limit(app->session, &rate);
    return rate.retry_in_ms > 0;
}

int
app_events_interval(struct app *app)
{
    long seconds = app->config ? app->config->events_interval : 60;

    return seconds > 0 ? (int)seconds : 60;
}

/* ---- results --------------------------------------------------------- */

static void
note_connection(struct app *app, const struct api_error *err)
{
    switch (err->kind) {
    case API_ERR_NETWORK:
    case API_ERR_TIMEOUT:
    case API_ERR_TLS:
    case API_ERR_CONFIG:
        app->connection = APP_OFFLINE;
        api_error_describe(err, app->connection_text, sizeof app->connection_text);
        app_api_error(app, "Connecting to CATS", err);
        break;
    case API_ERR_AUTH:
        app->connection = APP_KEY_REJECTED;
        api_error_describe(err, app->connection_text, sizeof app->connection_text);
        break;
    default:
        app->connection = APP_CONNECTED;
        app->connection_text[0] = '\0';
        break;
    }
}

static void
take_site(struct app *app, struct fetch_result *result)
{
    const char *name, *mode;
    char raw[sizeof app->account];

    if (result->record == NULL) {
        app_api_error(app, "Loading the account (GET /site)", &result->error);
        return;
    }
    name = api_json_string(result->record, "name");
    if (name == NULL)
        name = api_json_string(result->record, "subdomain");
    mode = api_json_string(result->record, "mode");
    snprintf(raw, sizeof raw, "%s%s%s%s", name ? name : "account", mode ? " (" : "",
             mode ? mode : "", mode ? ")" : "");
    char *safe = text_sanitize(raw, TEXT_LINE);
    snprintf(app->account, sizeof app->account, "%s", safe);
    free(safe);
}

/* Rebuilds the names of users from the loaded pages of the users list. */
static void
take_users(struct app *app)
{
    struct json_object *rows = json_object_new_array();
    long count = model_list_rows(app->users_list);

    for (long i = 0; i < count; i++) {
        struct model_row row;
        model_list_row(app->users_list, i, &row);
        if (row.state == MODEL_PAGE_LOADED)
            json_object_array_add(rows, json_object_get(row.record));
    }
    app_free_users(app);
    app_add_users(app, rows);
    json_object_put(rows);
    app_request_users(app);
}

static void
deliver_record(struct app *app, struct fetch_result *result)
{
    for (int t = 0; t < VIEW_TAB_COUNT; t++)
        for (int d = 0; d < app->tabs[t].depth; d++) {
            struct screen *s = app->tabs[t].stack[d];
            if (s->ops->record_arrived)
                s->ops->record_arrived(s, app, result->tag, result->record, &result->error);
        }
}

static void
take_result(struct app *app, struct fetch_result *result)
{
    note_connection(app, &result->error);
    switch (result->op) {
    case FETCH_PAGE:
    case FETCH_FILTER_PAGE:
        fetch_apply_page(app->model, result, time(NULL));
        if (app->users_list && result->key.list_id == model_list_id(app->users_list))
            take_users(app);
        break;
    case FETCH_GET:
        if (result->tag == APP_TAG_SITE)
            take_site(app, result);
        else
            deliver_record(app, result);
        break;
    case FETCH_EVENTS:
    case FETCH_GET_LIST:        /* only the feed follows collection links */
        feed_take_result(app->tabs[VIEW_TAB_COUNT - 1].stack[0], app, result);
        break;
    default:
        app_write_done(app, result);
        break;
    }
}

bool
app_handle_results(struct app *app)
{
    struct fetch_result *result;
    bool any = false;

    while ((result = fetch_take(app->fetch)) != NULL) {
        take_result(app, result);
        fetch_result_free(result);
        any = true;
    }
    if (any)
        app->data_version++;   /* rows or user names may have changed */
    return any;
}

/* ---- timers ------------------------------------------------------------- */

int
app_next_timer_ms(struct app *app)
{
    struct screen *s = app_screen(app);

    return feed_is_feed(s) ? feed_next_poll_ms(s) : -1;
}

bool
app_tick(struct app *app)
{
    struct screen *s = app_screen(app);

    return (s->ops->counting_down && s->ops->counting_down(s)) || app_rate_limited(app)
           || (feed_is_feed(s) && feed_next_poll_ms(s) == 0);
}

void
app_refresh(struct app *app)
{
    if (app->account[0] == '\0')
        app_request_site(app);
    if (app->user_count == 0 && app->users_list != NULL) {
        model_list_retry(app->users_list);
        app_request_users(app);
    }
}
