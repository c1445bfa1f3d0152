/* app.h: the console's state and the services screens and commands use.
 *
 * struct app is created by main.c, lives until the program ends, and is
 * only ever touched by the UI thread.  It owns the model (every list), the
 * screen stacks of the tabs, the overlays (help, prompt), the status line,
 * the header's account and connection state, and the cache of user names.
 * It talks to the fetcher threads only through app_request_*(), and takes
 * their results in app_handle_results().
 */
#ifndef CATS_APP_H
#define CATS_APP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "command.h"
#include "prompt.h"
#include "view.h"

struct api_session;
struct api_error;
struct config;
struct fetch;
struct fetch_result;
struct model;
struct model_list;
struct model_request;
struct screen;
struct json_object;

#define APP_MAX_DEPTH 16

/* The request tag of GET /site; other tags come from app->next_id, which
 * starts above it. */
#define APP_TAG_SITE 1UL

/* One tab: its view and the screens opened on it, the list at the bottom. */
struct tab {
    const struct view_def *view;
    struct screen *stack[APP_MAX_DEPTH];
    int depth;
};

enum app_prompt_kind {
    APP_PROMPT_NONE,
    APP_PROMPT_COMMAND,   /* ':' */
    APP_PROMPT_FILTER,    /* '/' */
    APP_PROMPT_CONFIRM,   /* a yes/no question */
};

enum app_connection {
    APP_CONNECTING,       /* nothing has come back yet */
    APP_CONNECTED,        /* the last request reached the server */
    APP_OFFLINE,          /* the last request failed; connection_text gives the reason */
    APP_KEY_REJECTED,     /* the server returned 401 for the key */
};

/* Runs when the user answers yes to a question; data is the asker's. */
typedef void (*app_confirm_fn)(struct app *app, void *data);

/* User names by id, sorted by id for binary search. */
struct app_user_name {
    int64_t id;
    char *name;
};

struct app {
    const struct config *config;
    struct api_session *session;
    struct fetch *fetch;
    struct model *model;

    struct tab tabs[VIEW_TAB_COUNT];
    int current;                      /* index into tabs */

    bool help_open;
    int help_scroll;

    enum app_prompt_kind prompt_kind;
    struct prompt prompt;
    struct prompt_history command_history, filter_history;
    app_confirm_fn confirm_yes;
    void *confirm_data;
    char *filter_pattern;             /* the last '/' text, for n and N */

    char status[512];
    bool status_is_error;

    char account[128];                /* from GET /site, sanitized */
    enum app_connection connection;
    char connection_text[256];

    struct app_user_name *users;
    size_t user_count;
    bool users_requested;
    struct model_list *users_list;    /* the pages user names come from */

    unsigned long data_version;       /* bumped whenever results are applied */
    bool quit;
    bool full_repaint;                /* Ctrl-L: clearok() on the next frame */
    unsigned long next_id;            /* for screen ids and request tokens */
};

/* Sets up the tabs and requests the account; nothing is drawn yet.  The
 * app keeps the pointers, which must outlive it. */
void app_init(struct app *app, const struct config *config, struct api_session *session,
              struct fetch *fetch);

/* Frees every screen, list and cached name. */
void app_free(struct app *app);

/* ---- status line ------------------------------------------------------ */

/* Shows a message in the status line until the next one. */
void app_status(struct app *app, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Shows an error in the status line, highlighted. */
void app_error(struct app *app, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Shows an API error as one sentence, with its request id. */
void app_api_error(struct app *app, const char *doing, const struct api_error *err);

/* ---- screens ---------------------------------------------------------- */

/* The screen on top of the current tab. */
struct screen *app_screen(struct app *app);

/* Pushes a screen on the current tab; the tab owns it from now on.  When
 * the stack is full the screen is freed and an error shown. */
void app_push(struct app *app, struct screen *screen);

/* Pops the top screen of the current tab unless it is the tab's list.
 * Returns false when there was nothing to pop. */
bool app_pop(struct app *app);

/* Switches to tab index (0-8). */
void app_switch_tab(struct app *app, int index);

/* Opens the detail pane of the record at path ("/users/5"); record, when
 * not NULL, is shown while the fresh copy loads (the pane takes its own
 * reference). */
void app_open_record(struct app *app, const char *path, struct json_object *record);

/* Opens a list of view on the current tab; parent_id fills the view's
 * path pattern, parent_title names where it was reached from. */
void app_open_list(struct app *app, const struct view_def *view, int64_t parent_id,
                   const char *parent_title);

/* Opens the collection at a relative path (from a record's links) as a
 * list, with the columns of the view that shows that kind of record. */
void app_open_path_list(struct app *app, const char *path);

/* Opens GET /activities/search?query= results as a list. */
void app_open_activity_search(struct app *app, const char *query);

/* The record selected on the current screen, or NULL (borrowed). */
struct json_object *app_selected_record(struct app *app);

/* Asks a yes/no question in the prompt line; yes runs on 'y'. */
void app_confirm(struct app *app, const char *question, app_confirm_fn yes, void *data);

/* ---- the fetcher -------------------------------------------------------- */

/* Hands a page request of the model to the fetcher threads. */
void app_request_page(struct app *app, const struct model_request *request);

/* Fetches the record at path.  The result goes to every screen's
 * record_arrived callback with token, and the screen that asked keeps it. */
void app_request_record(struct app *app, const char *path, unsigned long token);

/* Polls the events feed; returns false when the fetcher refused. */
bool app_request_events(struct app *app, unsigned long tag, int64_t after_timestamp);

/* Polls the events feed at a path CATS gave (_links.next). */
bool app_request_events_at(struct app *app, unsigned long tag, const char *path);

/* Requests GET /site for the header. */
void app_request_site(struct app *app);

/* Requests the pages of users that names come from. */
void app_request_users(struct app *app);

/* Seconds between polls of the events feed. */
int app_events_interval(struct app *app);

/* R: requests again the account and user names when they failed. */
void app_refresh(struct app *app);

/* Shows the outcome of a write in the status line. */
void app_write_done(struct app *app, struct fetch_result *result);

/* Whether the rate-limit budget allows prefetching: no 429 wait is
 * running, and at least a tenth of the limit (and prefetch_reserve)
 * remains, or nothing is known yet. */
bool app_budget_allows_prefetch(struct app *app);

/* Requests handed to the fetcher whose results have not been applied. */
int app_requests_pending(struct app *app);

/* Whether a 429's Retry-After is still running. */
bool app_rate_limited(struct app *app);

/* Requests left in the rate-limit window, or -1 when unknown. */
long app_budget_remaining(struct app *app);

/* Applies every result the fetcher has finished.  Returns true when
 * something changed on screen. */
bool app_handle_results(struct app *app);

/* ---- the loop --------------------------------------------------------- */

/* Handles one key from get_wch(); is_key_code is true for KEY_* codes. */
void app_key(struct app *app, wint_t key, bool is_key_code);

/* Milliseconds until the next timer (an events poll), or -1 for none. */
int app_next_timer_ms(struct app *app);

/* Runs timers that are due.  Returns true when the screen must be drawn
 * again (a timer fired, or a countdown is on screen). */
bool app_tick(struct app *app);

/* ---- shared data -------------------------------------------------------- */

/* The user's "First Last" name (raw server text), or NULL while unknown;
 * the first call starts loading the users. */
const char *app_user_name(struct app *app, int64_t id);

/* Rebuilds the user-name cache from rows (a json array, borrowed). */
void app_add_users(struct app *app, struct json_object *rows);
void app_free_users(struct app *app);

/* Portals tab: Enter lists the portal's jobs. */
void app_open_portal_jobs(struct app *app, struct json_object *portal);

/* Keys only the Portals tab has. */
extern const struct command app_portal_keys[];

#endif
