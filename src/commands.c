/* commands.c: the command table, what each command does, and the key
 * handler that routes keys to prompts, the help screen and commands. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>
#include <json-c/json.h>

#include "api.h"
#include "app.h"
#include "command.h"
#include "help.h"
#include "mem.h"
#include "screen.h"

#define CTRL(c) ((c) & 0x1f)
#define CODE(k) ((unsigned)(k) | KEY_CODE_BIT)

static int
body_height(struct app *app)
{
    int height = app_screen(app)->height;

    return height > 2 ? height - 1 : 1;
}

/* Runs a screen callback, or reports that the command does nothing here. */
#define ON_SCREEN(app, op, what, ...)                                          \
    do {                                                                       \
        struct screen *s_ = app_screen(app);                                   \
        if (s_->ops->op)                                                       \
            s_->ops->op(s_, (app), ##__VA_ARGS__);                             \
        else                                                                   \
            app_status((app), "%s does nothing on this screen.", (what));      \
    } while (0)

static void cmd_down(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, step, "Down", 1); }
static void cmd_up(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, step, "Up", -1); }

static void
cmd_page_down(struct app *a, const char *arg, unsigned key)
{
    ON_SCREEN(a, step, "Paging", body_height(a));
}

static void
cmd_page_up(struct app *a, const char *arg, unsigned key)
{
    ON_SCREEN(a, step, "Paging", -body_height(a));
}

static void
cmd_half_down(struct app *a, const char *arg, unsigned key)
{
    ON_SCREEN(a, step, "Paging", body_height(a) / 2 > 0 ? body_height(a) / 2 : 1);
}

static void
cmd_half_up(struct app *a, const char *arg, unsigned key)
{
    ON_SCREEN(a, step, "Paging", -(body_height(a) / 2 > 0 ? body_height(a) / 2 : 1));
}

static void cmd_first(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, jump, "g", false); }
static void cmd_last(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, jump, "G", true); }
static void cmd_open(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, open, "Enter"); }
static void cmd_refresh(struct app *a, const char *arg, unsigned key)
{
    app_refresh(a);
    ON_SCREEN(a, reload, "Refresh");
}
static void cmd_next_match(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, find, "n", 1); }
static void cmd_prev_match(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, find, "N", -1); }
static void cmd_column_left(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, select_column, "Column selection", -1); }
static void cmd_column_right(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, select_column, "Column selection", 1); }
static void cmd_sort(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, sort, "Sorting"); }
static void cmd_load_all(struct app *a, const char *arg, unsigned key) { ON_SCREEN(a, load_all, "Loading every page"); }

/* Esc: clears an active filter first, then goes back. */
static void
cmd_back(struct app *app, const char *arg, unsigned key)
{
    struct screen *s = app_screen(app);

    if (s->filtered && s->ops->filter) {
        s->filtered = s->ops->filter(s, app, "");
        app_status(app, "Filter cleared.");
        return;
    }
    if (!app_pop(app))
        app_status(app, "This is the first screen of the tab; q quits.");
}

/* q: goes back, and quits from a tab's first screen. */
static void
cmd_quit_or_back(struct app *app, const char *arg, unsigned key)
{
    if (!app_pop(app))
        app->quit = true;
}

static void cmd_quit(struct app *app, const char *arg, unsigned key) { app->quit = true; }

static void
cmd_next_tab(struct app *app, const char *arg, unsigned key)
{
    app_switch_tab(app, (app->current + 1) % VIEW_TAB_COUNT);
}

static void
cmd_prev_tab(struct app *app, const char *arg, unsigned key)
{
    app_switch_tab(app, (app->current + VIEW_TAB_COUNT - 1) % VIEW_TAB_COUNT);
}

static size_t
complete_tab_name(const char *prefix, const char **out, size_t max)
{
    size_t count = 0, len = strlen(prefix);

    for (int i = 0; i < VIEW_TAB_COUNT && count < max; i++)
        if (strncasecmp(view_tabs[i]->name, prefix, len) == 0)
            out[count++] = view_tabs[i]->name;
    return count;
}

/* 1-9, or :tab NAME with a name, a unique prefix or a number. */
static void
cmd_tab(struct app *app, const char *arg, unsigned key)
{
    int index = key ? (int)key - '1' : view_tab_index(arg);

    if (index == VIEW_TAB_AMBIGUOUS) {
        app_error(app, "'%s' starts more than one tab's name; type more of it.", arg);
        return;
    }
    if (index < 0) {
        app_error(app, "No tab is named '%s'; try 1-9 or tasks, activities, users, portals, "
                  "backups, webhooks, tags, triggers, events.", arg);
        return;
    }
    app_switch_tab(app, index);
}

static void
cmd_help(struct app *app, const char *arg, unsigned key)
{
    app->help_open = true;
    app->help_scroll = 0;
}

static void
cmd_redraw(struct app *app, const char *arg, unsigned key)
{
    app->full_repaint = true;
}

static size_t
complete_command(const char *text, const char **out, size_t max, void *data)
{
    return command_complete(command_table, text, out, max);
}

static void
cmd_command_line(struct app *app, const char *arg, unsigned key)
{
    prompt_start(&app->prompt, ":", &app->command_history);
    app->prompt.complete = complete_command;
    app->prompt_kind = APP_PROMPT_COMMAND;
}

static void
cmd_search(struct app *app, const char *arg, unsigned key)
{
    if (app_screen(app)->ops->filter == NULL) {
        app_status(app, "/ searches lists and records; this screen has nothing to search.");
        return;
    }
    prompt_start(&app->prompt, "/", &app->filter_history);
    app->prompt_kind = APP_PROMPT_FILTER;
}

/* Parses a record id: digits only, above zero. */
static bool
parse_id(struct app *app, const char *command, const char *arg, int64_t *id)
{
    char *end;
    long long value;

    errno = 0;
    value = strtoll(arg, &end, 10);
    if (!isdigit((unsigned char)arg[0]) || *end != '\0' || errno != 0 || value <= 0) {
        app_error(app, "':%s' needs a record id, a whole number such as 42; '%s' is not one.",
                  command, arg);
        return false;
    }
    *id = value;
    return true;
}

/* :task ID and its kin open the record at pattern. */
static void
open_by_id(struct app *app, const char *command, const char *pattern, const char *arg)
{
    char path[256], id_text[32];
    int64_t id;

    if (!parse_id(app, command, arg, &id))
        return;
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    app_open_record(app, view_expand_path(pattern, id_text, path, sizeof path), NULL);
}

static void cmd_task(struct app *a, const char *arg, unsigned k) { open_by_id(a, "task", "/tasks/{id}", arg); }
static void cmd_activity(struct app *a, const char *arg, unsigned k) { open_by_id(a, "activity", "/activities/{id}", arg); }
static void cmd_user(struct app *a, const char *arg, unsigned k) { open_by_id(a, "user", "/users/{id}", arg); }
static void cmd_work_history(struct app *a, const char *arg, unsigned k) { open_by_id(a, "work-history", "/work_history/{id}", arg); }
static void cmd_attachment(struct app *a, const char *arg, unsigned k) { open_by_id(a, "attachment", "/attachments/{id}", arg); }
static void cmd_backup(struct app *a, const char *arg, unsigned k) { open_by_id(a, "backup", "/backups/{id}", arg); }
static void cmd_job(struct app *a, const char *arg, unsigned k) { open_by_id(a, "job", "/jobs/{id}", arg); }
static void cmd_candidate(struct app *a, const char *arg, unsigned k) { open_by_id(a, "candidate", "/candidates/{id}", arg); }
static void cmd_portal(struct app *a, const char *arg, unsigned k) { open_by_id(a, "portal", "/portals/{id}", arg); }
static void cmd_webhook(struct app *a, const char *arg, unsigned k) { open_by_id(a, "webhook", "/webhooks/{id}", arg); }

static void
cmd_site(struct app *app, const char *arg, unsigned key)
{
    app_open_record(app, "/site", NULL);
}

static void
cmd_search_activities(struct app *app, const char *arg, unsigned key)
{
    app_open_activity_search(app, arg);
}

const struct command command_table[] = {
    { "down", NULL, { 'j', CODE(KEY_DOWN) }, "move down one row", cmd_down, NULL },
    { "up", NULL, { 'k', CODE(KEY_UP) }, "move up one row", cmd_up, NULL },
    { "page-down", NULL, { CODE(KEY_NPAGE), CTRL('f') }, "move down one screen", cmd_page_down, NULL },
    { "page-up", NULL, { CODE(KEY_PPAGE), CTRL('b') }, "move up one screen", cmd_page_up, NULL },
    { "half-down", NULL, { CTRL('d') }, "move down half a screen", cmd_half_down, NULL },
    { "half-up", NULL, { CTRL('u') }, "move up half a screen", cmd_half_up, NULL },
    { "first", NULL, { 'g', CODE(KEY_HOME) }, "go to the first row", cmd_first, NULL },
    { "last", NULL, { 'G', CODE(KEY_END) },
      "go to the last row, loading only the pages it needs", cmd_last, NULL },
    { "open", NULL, { '\r', '\n', CODE(KEY_ENTER) },
      "open the selected row, or the reference under the cursor", cmd_open, NULL },
    { "back", NULL, { 27 }, "clear the filter, else go back to the previous screen", cmd_back, NULL },
    { "quit-or-back", NULL, { 'q' }, "go back; on a tab's first screen, quit", cmd_quit_or_back, NULL },
    { "next-tab", NULL, { '\t' }, "switch to the next tab", cmd_next_tab, NULL },
    { "prev-tab", NULL, { CODE(KEY_BTAB) }, "switch to the previous tab", cmd_prev_tab, NULL },
    { "tab", "NAME", { '1', '2', '3', '4', '5', '6', '7', '8', '9' },
      "switch to tab 1-9: Tasks, Activities, Users, Portals, Backups, Webhooks, Tags, "
      "Triggers, Events (:tab takes a name or number)", cmd_tab, complete_tab_name },
    { "search", NULL, { '/' },
      "filter the rows as you type; Enter keeps the filter, Esc clears it", cmd_search, NULL },
    { "next-match", NULL, { 'n' }, "go to the next row that matches the last search",
      cmd_next_match, NULL },
    { "prev-match", NULL, { 'N' }, "go to the previous row that matches the last search",
      cmd_prev_match, NULL },
    { "column-left", NULL, { '<', CODE(KEY_LEFT) }, "select the column to the left for sorting",
      cmd_column_left, NULL },
    { "column-right", NULL, { '>', CODE(KEY_RIGHT) },
      "select the column to the right for sorting", cmd_column_right, NULL },
    { "sort", NULL, { 's' }, "sort a whole list by the selected column; again reverses",
      cmd_sort, NULL },
    { "load-all", NULL, { 'A' },
      "load every page of the list (asks first when that spends over a tenth of the budget)",
      cmd_load_all, NULL },
    { "refresh", NULL, { 'R', CODE(KEY_F(5)) }, "reload what is shown; retry failed pages",
      cmd_refresh, NULL },
    { "redraw", NULL, { CTRL('l') }, "repaint the whole screen", cmd_redraw, NULL },
    { "help", NULL, { '?', CODE(KEY_F(1)) }, "show this help", cmd_help, NULL },
    { "command", NULL, { ':' }, "type a command (Tab completes its name)", cmd_command_line, NULL },
    { "task", "ID", { 0 }, "open task ID", cmd_task, NULL },
    { "activity", "ID", { 0 }, "open activity ID", cmd_activity, NULL },
    { "user", "ID", { 0 }, "open user ID", cmd_user, NULL },
    { "work-history", "ID", { 0 }, "open work history item ID", cmd_work_history, NULL },
    { "attachment", "ID", { 0 }, "open attachment ID", cmd_attachment, NULL },
    { "backup", "ID", { 0 }, "open backup ID", cmd_backup, NULL },
    { "job", "ID", { 0 }, "open job ID", cmd_job, NULL },
    { "candidate", "ID", { 0 }, "open candidate ID", cmd_candidate, NULL },
    { "portal", "ID", { 0 }, "open career portal ID", cmd_portal, NULL },
    { "webhook", "ID", { 0 }, "open webhook ID", cmd_webhook, NULL },
    { "site", NULL, { 0 }, "show the account this key belongs to", cmd_site, NULL },
    { "search-activities", "QUERY", { 0 }, "list the activities CATS finds for QUERY",
      cmd_search_activities, NULL },
    { "quit", NULL, { 0 }, "quit cats-admin", cmd_quit, NULL },
    { "q", NULL, { 0 }, "quit cats-admin, as :quit does", cmd_quit, NULL },
    { NULL, NULL, { 0 }, NULL, NULL, NULL }
};

/* ---- keys ---------------------------------------------------------------- */

/* Opens the command line again with what was typed, so a mistake can be
 * corrected instead of typed again, and the error beside it. */
static void
reopen_command_line(struct app *app, const char *line, const char *error)
{
    cmd_command_line(app, NULL, 0);
    prompt_set_text(&app->prompt, line);
    snprintf(app->prompt.hint, sizeof app->prompt.hint, "%s", error);
    app->status[0] = '\0';
    app->status_is_error = false;
}

static void
prompt_command_accepted(struct app *app)
{
    char *line = prompt_text(&app->prompt);
    char error[sizeof app->status];

    app->prompt_kind = APP_PROMPT_NONE;
    if (line[0] == '\0') {
        free(line);
        return;
    }
    app->status[0] = '\0';
    app->status_is_error = false;
    if (!command_run_line(app, command_table, line, error, sizeof error)) {
        reopen_command_line(app, line, error);
    } else if (app->status_is_error && app->prompt_kind == APP_PROMPT_NONE) {
        snprintf(error, sizeof error, "%s", app->status);
        reopen_command_line(app, line, error);
    }
    free(line);
}

static void
prompt_filter_changed(struct app *app, enum prompt_result result)
{
    struct screen *s = app_screen(app);
    char *text = prompt_text(&app->prompt);

    if (result == PROMPT_CANCELLED) {
        s->filtered = s->ops->filter(s, app, "");
        app->prompt_kind = APP_PROMPT_NONE;
        app_status(app, "Filter cleared.");
        free(text);
        return;
    }
    s->filtered = s->ops->filter(s, app, text);
    if (result == PROMPT_ACCEPTED) {
        app->prompt_kind = APP_PROMPT_NONE;
        free(app->filter_pattern);
        app->filter_pattern = text[0] ? mem_strdup(text) : NULL;
    }
    free(text);
}

static void
confirm_key(struct app *app, wint_t key)
{
    if (key == 'y' || key == 'Y') {
        app->prompt_kind = APP_PROMPT_NONE;
        app->confirm_yes(app, app->confirm_data);
    } else if (key == 'n' || key == 'N' || key == 27 || key == CTRL('c') || key == 'q') {
        app->prompt_kind = APP_PROMPT_NONE;
        app_status(app, "Cancelled.");
    }
}

static void
prompt_input(struct app *app, wint_t key, bool is_code)
{
    enum prompt_result result;

    if (app->prompt_kind == APP_PROMPT_CONFIRM) {
        if (!is_code)
            confirm_key(app, key);
        return;
    }
    result = prompt_key(&app->prompt, key, is_code);
    if (app->prompt_kind == APP_PROMPT_FILTER) {
        prompt_filter_changed(app, result);
    } else if (result == PROMPT_ACCEPTED) {
        prompt_command_accepted(app);
    } else if (result == PROMPT_CANCELLED) {
        app->prompt_kind = APP_PROMPT_NONE;
    }
}

/* The help screen scrolls with the moving keys; q, Esc and ? close it. */
static void
help_input(struct app *app, unsigned key)
{
    const struct command *c = command_find_key(command_table, key);
    int page = body_height(app);

    if (c == NULL || c->run == cmd_help || c->run == cmd_back || c->run == cmd_quit_or_back) {
        app->help_open = false;
        return;
    }
    if (c->run == cmd_down) app->help_scroll++;
    else if (c->run == cmd_up) app->help_scroll--;
    else if (c->run == cmd_page_down || c->run == cmd_half_down) app->help_scroll += page;
    else if (c->run == cmd_page_up || c->run == cmd_half_up) app->help_scroll -= page;
    else if (c->run == cmd_first) app->help_scroll = 0;
    else if (c->run == cmd_last) app->help_scroll = help_line_count(app);
    else if (c->run == cmd_redraw) app->full_repaint = true;
    else app->help_open = false;
}

void
app_key(struct app *app, wint_t key, bool is_key_code)
{
    unsigned code = is_key_code ? (unsigned)key | KEY_CODE_BIT : (unsigned)key;
    const struct view_def *view = app_screen(app)->view;
    const struct command *c = NULL;
    char name[32];

    if (app->prompt_kind != APP_PROMPT_NONE) {
        prompt_input(app, key, is_key_code);
        return;
    }
    if (app->help_open) {
        help_input(app, code);
        return;
    }
    if (view != NULL && view->keys != NULL)
        c = command_find_key(view->keys, code);
    if (c == NULL)
        c = command_find_key(command_table, code);
    if (c == NULL) {
        app_status(app, "%s does nothing here; ? lists the keys.",
                   command_key_name(code, name, sizeof name));
        return;
    }
    app->status[0] = '\0';
    app->status_is_error = false;
    c->run(app, NULL, code);
}
