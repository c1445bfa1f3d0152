/* app_views.c: creating and freeing the console's tabs, and the actions
 * that open one list from another (a portal's jobs, a link to a list). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "api.h"
#include "app.h"
#include "detail.h"
#include "feed.h"
#include "fetch.h"
#include "list.h"
#include "mem.h"
#include "model.h"
#include "screen.h"

/* Columns for a list the console has no view of its own for. */
static const struct column generic_columns[] = {
    { "ID", "id", COL_TEXT, 10, TEXT_ALIGN_RIGHT },
    { "Title", "title", COL_TEXT, 0, TEXT_ALIGN_LEFT },
    { "Name", "name", COL_TEXT, 0, TEXT_ALIGN_LEFT },
    { "Created", "date_created", COL_DATE, 16, TEXT_ALIGN_LEFT },
    { NULL, NULL, 0, 0, 0 }
};

static const struct view_def view_generic = {
    "Records", "records", "", "", NULL, generic_columns, NULL, "Nothing here.", NULL, false
};

void
app_init(struct app *app, const struct config *config, struct api_session *session,
         struct fetch *fetch)
{
    memset(app, 0, sizeof *app);
    app->config = config;
    app->session = session;
    app->fetch = fetch;
    app->model = model_new();
    for (int i = 0; i < VIEW_TAB_COUNT; i++) {
        app->current = i;
        app->tabs[i].view = view_tabs[i];
        app_push(app, view_tabs[i]->is_feed ? feed_screen_new(app, view_tabs[i])
                                            : list_screen_new(app, view_tabs[i], 0, NULL));
    }
    app->current = 0;
    app_request_site(app);
    app_status(app, "Welcome to cats-admin. ? lists the keys, : the commands, q quits.");
}

void
app_free(struct app *app)
{
    for (int t = 0; t < VIEW_TAB_COUNT; t++)
        while (app->tabs[t].depth > 0) {
            struct screen *s = app->tabs[t].stack[--app->tabs[t].depth];
            s->ops->free(s);
        }
    if (app->users_list)
        model_close(app->model, app->users_list);
    model_free(app->model);
    app_free_users(app);
    prompt_history_clear(&app->command_history);
    prompt_history_clear(&app->filter_history);
    free(app->filter_pattern);
}

/* ---- opening lists from records ----------------------------------------- */

void
app_open_portal_jobs(struct app *app, struct json_object *portal)
{
    const char *name = api_json_string(portal, "name");
    int64_t id;

    if (!api_json_id(portal, "id", &id)) {
        app_error(app, "This portal has no id, so its jobs cannot be listed.");
        return;
    }
    app_open_list(app, &view_portal_jobs, id, name ? name : "portal");
}

static const struct view_def *
view_for_plural(const char *plural)
{
    if (strcmp(plural, "work_history") == 0)
        return &view_work_history;
    if (strcmp(plural, "jobs") == 0)
        return &view_portal_jobs;
    for (int i = 0; i < VIEW_TAB_COUNT; i++)
        if (strcmp(plural, view_tabs[i]->plural) == 0 && !view_tabs[i]->is_feed)
            return view_tabs[i];
    return &view_generic;
}

void
app_open_path_list(struct app *app, const char *path)
{
    const char *last = strrchr(path, '/');
    char plural[64];

    last = last ? last + 1 : path;
    snprintf(plural, sizeof plural, "%.*s", (int)strcspn(last, "?"), last);
    app_push(app, list_screen_new_path(app, view_for_plural(plural), path, plural, path));
}

void
app_open_activity_search(struct app *app, const char *query)
{
    char *encoded = curl_easy_escape(NULL, query, 0);
    char *path, *title;

    if (encoded == NULL) {
        app_error(app, "Out of memory while encoding the search.");
        return;
    }
    path = mem_printf("/activities/search?query=%s", encoded);
    title = mem_printf("Activities matching \"%s\"", query);
    app_push(app, list_screen_new_path(app, &view_activity_search, path, "activities", title));
    curl_free(encoded);
    free(path);
    free(title);
}

/* ---- the Portals tab's own keys ------------------------------------------ */

static struct json_object *
selected_portal(struct app *app, int64_t *id)
{
    struct json_object *record = app_selected_record(app);

    if (record == NULL || !api_json_id(record, "id", id)) {
        app_status(app, "Select a loaded portal first.");
        return NULL;
    }
    return record;
}

static void
portal_details(struct app *app, const char *arg, unsigned key)
{
    char path[64];
    int64_t id;
    struct json_object *portal = selected_portal(app, &id);

    if (portal == NULL)
        return;
    snprintf(path, sizeof path, "/portals/%" PRId64, id);
    app_open_record(app, path, portal);
}

static void
portal_registration(struct app *app, const char *arg, unsigned key)
{
    char path[80];
    int64_t id;

    if (selected_portal(app, &id) == NULL)
        return;
    snprintf(path, sizeof path, "/portals/%" PRId64 "/registration", id);
    app_open_record(app, path, NULL);
}

const struct command app_portal_keys[] = {
    { "portal-details", NULL, { 'i' }, "show the selected portal's details", portal_details, NULL },
    { "portal-registration", NULL, { 'r' }, "show the portal's registration application",
      portal_registration, NULL },
    { NULL, NULL, { 0 }, NULL, NULL, NULL }
};

/* ---- writes ------------------------------------------------------------ */

void
app_write_done(struct app *app, struct fetch_result *result)
{
    if (result->error.kind != API_OK)
        app_api_error(app, "The change", &result->error);
    else
        app_status(app, "Done.");
}
