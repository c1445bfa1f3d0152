/* views.c: the tabs and sub-lists of the console, as tables of columns. */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <json-c/json.h>

#include "api.h"
#include "app.h"
#include "view.h"

#define L TEXT_ALIGN_LEFT
#define R TEXT_ALIGN_RIGHT

static const struct column task_columns[] = {
    { "✓", "is_completed", COL_CHECK, 1, L },
    { "Pri", "priority", COL_PRIORITY, 6, L },
    { "Due", "date_due", COL_DUE, 16, L },
    { "Description", "description", COL_TEXT, 0, L },
    { "Assignee", "assigned_to_id", COL_USER, 18, L },
    { "About", "data_item", COL_DATA_ITEM, 18, L },
    { NULL, NULL, 0, 0, 0 }
};

static const struct column activity_columns[] = {
    { "Date", "date", COL_DATE, 16, L },
    { "Type", "type", COL_TEXT, 12, L },
    { "Regarding", "regarding_id", COL_JOB_REF, 12, L },
    { "About", "data_item", COL_DATA_ITEM, 18, L },
    { "Notes", "notes", COL_TEXT, 0, L },
    { "By", "entered_by_id", COL_USER, 16, L },
    { NULL, NULL, 0, 0, 0 }
};

static const struct column user_columns[] = {
    { "ID", "id", COL_TEXT, 8, R },
    { "Username", "username", COL_TEXT, 16, L },
    { "Name", "", COL_NAME, 0, L },
    { "Title", "title", COL_TEXT, 24, L },
    { "Access", "access_level", COL_TEXT, 12, L },
    { NULL, NULL, 0, 0, 0 }
};

static const struct column portal_columns[] = {
    { "ID", "id", COL_TEXT, 8, R },
    { "Name", "name", COL_TEXT, 0, L },
    { "Created", "date_created", COL_DAY, 10, L },
    { "Public URL", "portal_url", COL_LINK, 40, L },
    { NULL, NULL, 0, 0, 0 }
};

static const struct column backup_columns[] = {
    { "ID", "id", COL_TEXT, 8, R },
    { "Status", "status", COL_TEXT, 10, L },
    { "Size", "file_size", COL_BYTES, 9, R },
    { "Created", "date_created", COL_DATE, 16, L },
    { "Started by", "started_by_id", COL_USER, 18, L },
    { "Download URL", "url", COL_TEXT, 0, L },
    { NULL, NULL, 0, 0, 0 }
};

static const struct column webhook_columns[] = {
    { "ID", "id", COL_TEXT, 8, R },
    { "Target URL", "target_url", COL_TEXT, 40, L },
    { "Events", "events", COL_JOINED, 0, L },
    { NULL, NULL, 0, 0, 0 }
};

/* TODO: tags nest through parent_id; they are listed flat, with the parent's
 * id, where a tree would show the nesting. */
static const struct column tag_columns[] = {
    { "ID", "id", COL_TEXT, 8, R },
    { "Title", "title", COL_TEXT, 0, L },
    { "Parent", "parent_id", COL_TEXT, 8, R },
    { NULL, NULL, 0, 0, 0 }
};

static const struct column trigger_columns[] = {
    { "ID", "id", COL_TEXT, 8, R },
    { "Name", "name", COL_TEXT, 0, L },
    { "Required", "is_required", COL_CHECK, 8, L },
    { "On by default", "is_enabled_by_default", COL_CHECK, 13, L },
    { "Created", "date_created", COL_DAY, 10, L },
    { NULL, NULL, 0, 0, 0 }
};

static const struct column event_columns[] = {
    { "Date", "date", COL_DATE, 16, L },
    { "Event", "event", COL_TEXT, 22, L },
    { "Record", "data_item", COL_DATA_ITEM, 0, L },
    { "ID", "id", COL_TEXT, 8, R },
    { NULL, NULL, 0, 0, 0 }
};

static const struct column portal_job_columns[] = {
    { "ID", "id", COL_TEXT, 8, R },
    { "Title", "title", COL_TEXT, 0, L },
    { "City", "location.city", COL_TEXT, 16, L },
    { "State", "location.state", COL_TEXT, 6, L },
    { "Public URL", "job_url", COL_LINK, 36, L },
    { NULL, NULL, 0, 0, 0 }
};

static const struct column work_history_columns[] = {
    { "ID", "id", COL_TEXT, 8, R },
    { "Title", "title", COL_TEXT, 0, L },
    { "Employer", "employer", COL_EMPLOYER, 24, L },
    { "Start", "start_date", COL_DAY, 10, L },
    { "End", "end_date", COL_DAY, 10, L },
    { "Now", "is_current", COL_CHECK, 3, L },
    { NULL, NULL, 0, 0, 0 }
};

const struct view_def view_tasks = {
    "Tasks", "tasks", "/tasks", "tasks", "/tasks/{id}", task_columns, NULL,
    "No tasks.", NULL, false
};
const struct view_def view_activities = {
    "Activities", "activities", "/activities", "activities", "/activities/{id}",
    activity_columns, NULL, "No activities.", NULL, false
};
const struct view_def view_users = {
    "Users", "users", "/users", "users", "/users/{id}", user_columns, NULL,
    "No users.", NULL, false
};
const struct view_def view_portals = {
    "Portals", "portals", "/portals", "portals", "/portals/{id}", portal_columns,
    app_portal_keys, "No career portals.", app_open_portal_jobs, false
};
const struct view_def view_backups = {
    "Backups", "backups", "/backups", "backups", "/backups/{id}", backup_columns, NULL,
    "No backups.", NULL, false
};
const struct view_def view_webhooks = {
    "Webhooks", "webhooks", "/webhooks", "webhooks", "/webhooks/{id}", webhook_columns, NULL,
    "No webhooks.", NULL, false
};
const struct view_def view_tags = {
    "Tags", "tags", "/tags", "tags", "/tags/{id}", tag_columns, NULL, "No tags.", NULL, false
};
const struct view_def view_triggers = {
    "Triggers", "triggers", "/triggers", "triggers", "/triggers/{id}", trigger_columns, NULL,
    "No triggers.", NULL, false
};
const struct view_def view_events = {
    "Events", "events", "/events", "events", NULL, event_columns, NULL,
    "No events yet; new ones appear here as they happen.", NULL, true
};
const struct view_def view_portal_jobs = {
    "Jobs", "portal-jobs", "/portals/{id}/jobs", "jobs", "/jobs/{id}", portal_job_columns,
    NULL, "No jobs are published on this portal.", NULL, false
};
const struct view_def view_work_history = {
    "Work history", "work-history", "/candidates/{id}/work_history", "work_history",
    "/work_history/{id}", work_history_columns, NULL, "No work history.", NULL, false
};
const struct view_def view_activity_search = {
    "Activity search", "activity-search", "/activities/search", "activities",
    "/activities/{id}", activity_columns, NULL, "No activity matches.", NULL, false
};

const struct view_def *const view_tabs[VIEW_TAB_COUNT] = {
    &view_tasks, &view_activities, &view_users, &view_portals, &view_backups,
    &view_webhooks, &view_tags, &view_triggers, &view_events,
};

int
view_tab_index(const char *name)
{
    size_t len = strlen(name);
    int found = -1;

    if (len == 1 && name[0] >= '1' && name[0] <= '0' + VIEW_TAB_COUNT)
        return name[0] - '1';
    for (int i = 0; i < VIEW_TAB_COUNT; i++) {
        if (strcasecmp(view_tabs[i]->name, name) == 0)
            return i;
        if (len > 0 && strncasecmp(view_tabs[i]->name, name, len) == 0)
            found = found == -1 ? i : VIEW_TAB_AMBIGUOUS;
    }
    return found;
}

char *
view_expand_path(const char *pattern, const char *id, char *buf, size_t size)
{
    const char *mark = strstr(pattern, "{id}");

    if (mark == NULL)
        snprintf(buf, size, "%s", pattern);
    else
        snprintf(buf, size, "%.*s%s%s", (int)(mark - pattern), pattern, id, mark + 4);
    return buf;
}

struct json_object *
view_field(struct json_object *record, const char *path)
{
    char key[64];
    struct json_object *value = record;

    while (value != NULL && *path) {
        size_t len = strcspn(path, ".");
        if (len >= sizeof key || !json_object_is_type(value, json_type_object))
            return NULL;
        memcpy(key, path, len);
        key[len] = '\0';
        if (!json_object_object_get_ex(value, key, &value))
            return NULL;
        path += len + (path[len] == '.');
    }
    return value;
}

/* Reads an RFC 3339 time ("2024-11-19T19:57:54-05:00", with optional
 * fractions, or "Z") as a Unix time.  Returns false for anything else. */
static bool
parse_rfc3339(const char *s, time_t *out)
{
    struct tm tm;
    const char *rest;
    int sign, hours, minutes;

    memset(&tm, 0, sizeof tm);
    rest = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
    if (rest == NULL)
        return false;
    if (*rest == '.')
        rest += 1 + strspn(rest + 1, "0123456789");
    if (*rest == 'Z' && rest[1] == '\0') {
        *out = timegm(&tm);
        return true;
    }
    if ((*rest != '+' && *rest != '-') || sscanf(rest + 1, "%2d:%2d", &hours, &minutes) != 2)
        return false;
    sign = *rest == '-' ? -1 : 1;
    *out = timegm(&tm) - sign * (hours * 3600 + minutes * 60);
    return true;
}

/* Shows a time in the user's time zone (TZ), so rows whose times CATS
 * sent with different offsets read and sort alike: "2024-11-19 19:57".
 * A date without a time, or text that is not RFC 3339, keeps its date. */
static void
format_date(const char *s, bool day_only, char *buf, size_t size)
{
    struct tm local;
    time_t when;

    if (!day_only && parse_rfc3339(s, &when) && localtime_r(&when, &local) != NULL)
        strftime(buf, size, "%Y-%m-%d %H:%M", &local);
    else
        snprintf(buf, size, "%.10s", s);
}

static void
format_bytes(int64_t bytes, char *buf, size_t size)
{
    static const char *const units[] = { "B", "kB", "MB", "GB", "TB" };
    double value = (double)bytes;
    int unit = 0;

    while (value >= 1000 && unit < 4) {
        value /= 1000;
        unit++;
    }
    if (unit == 0)
        snprintf(buf, size, "%" PRId64 " B", bytes);
    else
        snprintf(buf, size, "%.1f %s", value, units[unit]);
}

static void
format_priority(struct json_object *value, char *buf, size_t size)
{
    static const char *const words[] = { "", "low", "", "", "", "high" };
    int priority = json_object_get_int(value);

    if (priority >= 1 && priority <= 5)
        snprintf(buf, size, "%d %s", priority, words[priority]);
    else
        snprintf(buf, size, "%s", json_object_get_string(value));
}

static void
format_user(struct app *app, struct json_object *value, char *buf, size_t size)
{
    int64_t id = json_object_get_int64(value);
    const char *name = app ? app_user_name(app, id) : NULL;

    if (name != NULL)
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "#%" PRId64, id);
}

static void
format_data_item(struct json_object *item, char *buf, size_t size)
{
    int64_t id;
    const char *type = api_json_string(item, "type");

    if (!json_object_is_type(item, json_type_object) || !api_json_id(item, "id", &id))
        snprintf(buf, size, "general");
    else
        snprintf(buf, size, "%s %" PRId64, type ? type : "record", id);
}

static void
format_joined(struct json_object *array, char *buf, size_t size)
{
    size_t used = 0;
    size_t n = json_object_array_length(array);

    buf[0] = '\0';
    for (size_t i = 0; i < n && used + 1 < size; i++) {
        const char *s = json_object_get_string(json_object_array_get_idx(array, i));
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", s ? s : "");
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static void
format_employer(struct json_object *employer, char *buf, size_t size)
{
    const char *name = api_json_string(employer, "name");
    int64_t company;

    if (name != NULL)
        snprintf(buf, size, "%s", name);
    else if (api_json_id(employer, "company_id", &company))
        snprintf(buf, size, "company %" PRId64, company);
    else
        buf[0] = '\0';
}

static void
format_name(struct json_object *record, char *buf, size_t size)
{
    const char *first = api_json_string(record, "first_name");
    const char *last = api_json_string(record, "last_name");

    snprintf(buf, size, "%s%s%s", first ? first : "", first && last ? " " : "", last ? last : "");
}

static void
format_value(struct app *app, const struct column *col, struct json_object *value,
             char *buf, size_t size)
{
    switch (col->format) {
    case COL_DATE:
    case COL_DAY:
    case COL_DUE:
        format_date(json_object_get_string(value), col->format == COL_DAY, buf, size);
        break;
    case COL_CHECK:
        snprintf(buf, size, "%s", json_object_get_boolean(value) ? "✓" : "");
        break;
    case COL_PRIORITY:  format_priority(value, buf, size); break;
    case COL_USER:      format_user(app, value, buf, size); break;
    case COL_DATA_ITEM: format_data_item(value, buf, size); break;
    case COL_JOB_REF:   snprintf(buf, size, "job %s", json_object_get_string(value)); break;
    case COL_BYTES:     format_bytes(json_object_get_int64(value), buf, size); break;
    case COL_EMPLOYER:  format_employer(value, buf, size); break;
    case COL_JOINED:
        if (json_object_is_type(value, json_type_array))
            format_joined(value, buf, size);
        else
            snprintf(buf, size, "%s", json_object_get_string(value));
        break;
    default:
        snprintf(buf, size, "%s", json_object_get_string(value));
        break;
    }
}

/* The text of a cell whose field is null or missing. */
static const char *
absent_text(enum column_format format)
{
    switch (format) {
    case COL_DUE:       return "ASAP";
    case COL_DATA_ITEM: return "general";
    case COL_JOB_REF:   return "general";
    default:            return "";
    }
}

char *
view_format_cell(struct app *app, const struct column *col, struct json_object *record,
                 char *buf, size_t size)
{
    struct json_object *value;

    if (col->format == COL_NAME) {
        format_name(record, buf, size);
        return buf;
    }
    if (col->format == COL_LINK) {
        const char *href = api_json_link(record, col->field);
        snprintf(buf, size, "%s", href ? href : "");
        return buf;
    }
    value = view_field(record, col->field);
    if (value == NULL)
        snprintf(buf, size, "%s", absent_text(col->format));
    else
        format_value(app, col, value, buf, size);
    return buf;
}

#define MIN_SHOWN 6

/* Whether a column keeps its width: dates and sizes lose their meaning
 * when cut, and a column of 3 cells or fewer (a check mark) gains nothing. */
static bool
is_rigid(const struct column *c)
{
    return c->format == COL_PRIORITY || c->format == COL_DATE || c->format == COL_DAY
           || c->format == COL_DUE || c->format == COL_BYTES || (c->width > 0 && c->width <= 3);
}

/* Shrinks the fixed columns that are not rigid by excess cells, in
 * proportion to their widths, keeping each at 3 cells or more. */
static void
shrink_fixed(const struct view_def *view, int count, int fixed, int excess, int *widths)
{
    int left = excess;

    for (int i = 0; i < count && fixed > 0; i++) {
        int w = view->columns[i].width;
        int cut = (int)((long)excess * w / fixed);
        if (w == 0 || is_rigid(&view->columns[i]))
            continue;
        if (cut > w - 3)
            cut = w > 3 ? w - 3 : 0;
        widths[i] -= cut;
        left -= cut;
    }
    /* Rounding leaves a few cells: take them from the rightmost columns. */
    for (int i = count - 1; i >= 0 && left > 0;) {
        if (view->columns[i].width > 0 && widths[i] > 3 && !is_rigid(&view->columns[i])) {
            widths[i]--;
            left--;
        } else {
            i--;
        }
    }
}

static int
rigid_width(const struct view_def *view)
{
    int sum = 0;

    for (const struct column *c = view->columns; c->title; c++)
        sum += is_rigid(c) ? c->width : 0;
    return sum;
}

/* On a wide terminal, a flexible column wider than half the width gives
 * the cells beyond that to the fixed text columns (names, references).
 * Each grows up to twice its width, so names are not cut while the
 * description trails off in blanks. */
static void
share_surplus(const struct view_def *view, int count, int width, int *widths)
{
    int flex = -1, growable = 0;

    for (int i = 0; i < count; i++) {
        if (view->columns[i].width == 0)
            flex = flex < 0 ? i : -2;      /* only a single flexible column gives */
        else if (!is_rigid(&view->columns[i]))
            growable += view->columns[i].width;
    }
    if (flex < 0 || growable == 0 || widths[flex] <= width / 2)
        return;

    int surplus = widths[flex] - width / 2, given = 0;
    for (int i = 0; i < count; i++) {
        int w = view->columns[i].width;
        if (w == 0 || is_rigid(&view->columns[i]) || widths[i] < w)
            continue;
        int more = (int)((long)surplus * w / growable);
        if (more > w)
            more = w;
        widths[i] += more;
        given += more;
    }
    widths[flex] -= given;
}

int
view_layout(const struct view_def *view, int width, int *widths)
{
    int count = 0, fixed = 0, flexible = 0, excess, left;

    for (const struct column *c = view->columns; c->title; c++, count++) {
        widths[count] = c->width;
        fixed += is_rigid(c) ? 0 : c->width;
        flexible += c->width == 0;
    }
    left = width - (count > 0 ? count - 1 : 0);

    /* Flexible columns want a third of the width and at least 10 cells
     * each; when the fixed ones do not leave that, they all shrink. */
    int wanted = 0;
    if (flexible > 0)
        wanted = left / 3 > 10 * flexible ? left / 3 : 10 * flexible;
    excess = wanted - (left - fixed - rigid_width(view));
    if (excess > 0)
        shrink_fixed(view, count, fixed, excess, widths);

    /* A column cut under 6 cells conveys little; hide it and give its room
     * to the flexible ones. */
    for (int i = 0; i < count; i++)
        if (flexible > 0 && view->columns[i].width > 0 && widths[i] < MIN_SHOWN
            && !is_rigid(&view->columns[i]))
            widths[i] = 0;
    for (int i = 0; i < count; i++) {
        if (view->columns[i].width == 0)
            continue;
        if (widths[i] > 0)
            left -= widths[i];
        else
            left += 1;      /* a hidden column frees its gap too */
    }
    for (int i = 0; i < count && flexible > 0; i++) {
        if (view->columns[i].width != 0)
            continue;
        widths[i] = left > 0 ? left / flexible : 0;
        left -= widths[i];
        flexible--;
    }
    if (count > 0 && left > 0 && view->columns[count - 1].width > 0)
        widths[count - 1] += left;   /* no flexible column: the last one grows */
    share_surplus(view, count, width, widths);
    return count;
}
