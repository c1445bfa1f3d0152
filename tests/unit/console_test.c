/* console_test.c: unit tests of the console's tables and widgets that need
 * no terminal: the command table, view layout and cell formats, and the
 * prompt's editing. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>
#include <json-c/json.h>

#include "app.h"
#include "command.h"
#include "detail.h"
#include "prompt.h"
#include "text.h"
#include "view.h"

/* ---- command table ---------------------------------------------------- */

static void
assert_keys_unique(const struct command *table, const struct command *other)
{
    for (const struct command *c = table; c->name; c++)
        for (int i = 0; i < COMMAND_MAX_KEYS && c->keys[i]; i++) {
            const struct command *first = command_find_key(table, c->keys[i]);
            assert_ptr_equal(first, c);
            if (other != NULL)
                assert_null(command_find_key(other, c->keys[i]));
        }
}

static void
commands_have_unique_keys(void **state)
{
    assert_keys_unique(command_table, NULL);
    assert_keys_unique(app_portal_keys, NULL);
    /* A tab's own keys must not hide a global one. */
    assert_keys_unique(app_portal_keys, command_table);
}

static void
commands_have_help_and_unique_names(void **state)
{
    for (const struct command *c = command_table; c->name; c++) {
        assert_non_null(c->help);
        assert_true(strlen(c->help) > 5);
        assert_non_null(c->run);
        assert_ptr_equal(command_find_name(command_table, c->name), c);
    }
}

static void
issue_commands_exist(void **state)
{
    static const char *const names[] = {
        "task", "activity", "user", "work-history", "attachment", "backup", "tab",
        "refresh", "quit", "load-all", NULL
    };

    for (const char *const *n = names; *n; n++)
        assert_non_null(command_find_name(command_table, *n));
    assert_string_equal(command_find_name(command_table, "task")->arg, "ID");
    assert_null(command_find_name(command_table, "quit")->arg);
}

static void
command_line_errors_name_the_value(void **state)
{
    char error[256];

    assert_false(command_run_line(NULL, command_table, "frobnicate 3", error, sizeof error));
    assert_non_null(strstr(error, "'frobnicate'"));
    assert_false(command_run_line(NULL, command_table, "task", error, sizeof error));
    assert_non_null(strstr(error, ":task 42"));
    assert_false(command_run_line(NULL, command_table, "quit now", error, sizeof error));
    assert_non_null(strstr(error, "'now'"));
    assert_false(command_run_line(NULL, command_table, "   ", error, sizeof error));
}

static void
completion_lists_prefix_matches(void **state)
{
    const char *out[16];
    size_t n = command_complete(command_table, "ta", out, 16);

    assert_int_equal(n, 2);    /* "task" and "tab" */
    for (size_t i = 0; i < n; i++)
        assert_int_equal(strncmp(out[i], "ta", 2), 0);
    assert_int_equal(command_complete(command_table, "work", out, 16), 1);
    assert_string_equal(out[0], "work-history");
    assert_int_equal(command_complete(command_table, "zz", out, 16), 0);
    assert_int_equal(command_complete(command_table, "tab po", out, 16), 1);
    assert_string_equal(out[0], "tab portals");
    assert_int_equal(command_complete(command_table, "tab t", out, 16), 3);
    assert_int_equal(command_complete(command_table, "task 4", out, 16), 0);
}

static void
key_names_are_readable(void **state)
{
    char buf[32];

    assert_string_equal(command_key_name('j', buf, sizeof buf), "j");
    assert_string_equal(command_key_name(4, buf, sizeof buf), "Ctrl-D");
    assert_string_equal(command_key_name(KEY_NPAGE | KEY_CODE_BIT, buf, sizeof buf), "PgDn");
    assert_string_equal(command_key_name(KEY_F(5) | KEY_CODE_BIT, buf, sizeof buf), "F5");
    assert_string_equal(command_keys_label(command_find_name(command_table, "open"), buf,
                                           sizeof buf), "Enter");
}

/* ---- views ---------------------------------------------------------------- */

/* Lays view out at width and returns the cells its columns and gaps take;
 * hidden columns (0 cells) take no gap. */
static int
layout_total(const struct view_def *view, int width)
{
    int widths[16], total = 0, shown = 0;
    int count = view_layout(view, width, widths);

    for (int i = 0; i < count; i++) {
        assert_true(widths[i] >= 0);
        total += widths[i];
        shown += widths[i] > 0;
    }
    return total + (shown - 1);
}

static void
layout_fills_the_width(void **state)
{
    for (int t = 0; t < VIEW_TAB_COUNT; t++)
        for (int width = 60; width <= 240; width += 7)
            assert_int_equal(layout_total(view_tabs[t], width), width);
}

static void
layout_never_overflows_narrow(void **state)
{
    for (int t = 0; t < VIEW_TAB_COUNT; t++)
        for (int width = 30; width < 60; width++)
            assert_true(layout_total(view_tabs[t], width) <= width);
}

static struct json_object *
parse(const char *text)
{
    struct json_object *obj = json_tokener_parse(text);

    assert_non_null(obj);
    return obj;
}

static const struct column *
column_of(const struct view_def *view, const char *title)
{
    for (const struct column *c = view->columns; c->title; c++)
        if (strcmp(c->title, title) == 0)
            return c;
    fail_msg("no column %s", title);
    return NULL;
}

static void
task_cells_read_as_in_cats(void **state)
{
    struct json_object *task = parse(
        "{\"id\": 5, \"priority\": 5, \"date_due\": null, \"is_completed\": true,"
        " \"assigned_to_id\": 6063, \"data_item\": {\"id\": \"8161\", \"type\": \"job\"},"
        " \"description\": \"Call back\"}");
    const struct view_def *tasks = view_tabs[0];
    char buf[128];

    assert_string_equal(view_format_cell(NULL, column_of(tasks, "Pri"), task, buf, sizeof buf),
                        "5 high");
    assert_string_equal(view_format_cell(NULL, column_of(tasks, "Due"), task, buf, sizeof buf),
                        "ASAP");
    assert_string_equal(view_format_cell(NULL, column_of(tasks, "✓"), task, buf, sizeof buf), "✓");
    assert_string_equal(view_format_cell(NULL, column_of(tasks, "Assignee"), task, buf,
                                         sizeof buf), "#6063");
    assert_string_equal(view_format_cell(NULL, column_of(tasks, "About"), task, buf, sizeof buf),
                        "job 8161");
    json_object_put(task);
}

static void
other_cells_format(void **state)
{
    struct json_object *backup = parse("{\"file_size\": 1430000, \"date_created\":"
                                       " \"2024-11-19T19:57:54-05:00\"}");
    struct json_object *general = parse("{\"data_item\": null, \"regarding_id\": null}");
    char buf[128];

    assert_string_equal(view_format_cell(NULL, column_of(view_tabs[4], "Size"), backup, buf,
                                         sizeof buf), "1.4 MB");
    /* Times show in the user's zone (TZ=UTC here), whatever offset CATS sent. */
    assert_string_equal(view_format_cell(NULL, column_of(view_tabs[4], "Created"), backup, buf,
                                         sizeof buf), "2024-11-20 00:57");
    assert_string_equal(view_format_cell(NULL, column_of(view_tabs[1], "Regarding"), general,
                                         buf, sizeof buf), "general");
    json_object_put(backup);
    json_object_put(general);
}

static void
dates_show_in_local_zone(void **state)
{
    struct json_object *a = parse("{\"date\": \"2024-11-19T19:57:54-05:00\"}");
    struct json_object *b = parse("{\"date\": \"2024-11-20T09:57:54.250+09:00\"}");
    struct json_object *c = parse("{\"date\": \"2024-11-20T00:57:54Z\"}");
    struct json_object *odd = parse("{\"date\": \"next Tuesday\"}");
    const struct column *date = column_of(view_tabs[1], "Date");
    char buf[64];

    setenv("TZ", "JST-9", 1);    /* a POSIX zone string: no tzdata needed */
    tzset();
    assert_string_equal(view_format_cell(NULL, date, a, buf, sizeof buf), "2024-11-20 09:57");
    assert_string_equal(view_format_cell(NULL, date, b, buf, sizeof buf), "2024-11-20 09:57");
    assert_string_equal(view_format_cell(NULL, date, c, buf, sizeof buf), "2024-11-20 09:57");
    assert_string_equal(view_format_cell(NULL, date, odd, buf, sizeof buf), "next Tuesd");
    setenv("TZ", "UTC", 1);
    tzset();
    json_object_put(a);
    json_object_put(b);
    json_object_put(c);
    json_object_put(odd);
}

static void
tab_names_resolve(void **state)
{
    assert_int_equal(view_tab_index("tasks"), 0);
    assert_int_equal(view_tab_index("Events"), 8);
    assert_int_equal(view_tab_index("port"), 3);
    assert_int_equal(view_tab_index("t"), VIEW_TAB_AMBIGUOUS);  /* tasks, tags, triggers */
    assert_int_equal(view_tab_index("4"), 3);
    assert_int_equal(view_tab_index("nope"), -1);
}

static void
paths_expand_and_classify(void **state)
{
    char buf[64];

    assert_string_equal(view_expand_path("/portals/{id}/jobs", "7", buf, sizeof buf),
                        "/portals/7/jobs");
    assert_true(detail_path_is_list("/candidates/5/work_history"));
    assert_true(detail_path_is_list("/activities/search?query=x"));
    assert_false(detail_path_is_list("/users/5"));
    assert_false(detail_path_is_list("/portals/3/registration"));
}

/* ---- prompt ----------------------------------------------------------- */

static void
type_text(struct prompt *p, const wchar_t *text)
{
    for (; *text; text++)
        assert_int_equal(prompt_key(p, (wint_t)*text, false), PROMPT_EDITING);
}

static char *
text_of(struct prompt *p)
{
    static char buf[512];
    char *s = prompt_text(p);

    snprintf(buf, sizeof buf, "%s", s);
    free(s);
    return buf;
}

static void
prompt_edits_wide_text(void **state)
{
    struct prompt p;

    prompt_start(&p, ":", NULL);
    type_text(&p, L"名前 é");
    assert_string_equal(text_of(&p), "名前 é");
    prompt_key(&p, KEY_LEFT, true);
    prompt_key(&p, KEY_BACKSPACE, true);
    assert_string_equal(text_of(&p), "名前é");
    prompt_key(&p, 23, false);      /* Ctrl-W */
    assert_string_equal(text_of(&p), "é");
    prompt_key(&p, 1, false);       /* Ctrl-A */
    type_text(&p, L"x");
    assert_string_equal(text_of(&p), "xé");
    assert_int_equal(prompt_key(&p, '\r', false), PROMPT_ACCEPTED);
    assert_int_equal(prompt_key(&p, 27, false), PROMPT_CANCELLED);
}

static void
prompt_history_recalls(void **state)
{
    struct prompt_history h = { .count = 0 };
    struct prompt p;

    prompt_start(&p, ":", &h);
    type_text(&p, L"task 5");
    prompt_key(&p, '\r', false);
    prompt_start(&p, ":", &h);
    type_text(&p, L"user 7");
    prompt_key(&p, '\r', false);

    prompt_start(&p, ":", &h);
    prompt_key(&p, KEY_UP, true);
    assert_string_equal(text_of(&p), "user 7");
    prompt_key(&p, KEY_UP, true);
    assert_string_equal(text_of(&p), "task 5");
    prompt_key(&p, KEY_DOWN, true);
    prompt_key(&p, KEY_DOWN, true);
    assert_string_equal(text_of(&p), "");
    prompt_history_clear(&h);
}

static size_t
complete_commands(const char *text, const char **out, size_t max, void *data)
{
    return command_complete(command_table, text, out, max);
}

static void
prompt_completes_names(void **state)
{
    struct prompt p;

    prompt_start(&p, ":", NULL);
    p.complete = complete_commands;
    type_text(&p, L"work");
    prompt_key(&p, '\t', false);
    assert_string_equal(text_of(&p), "work-history ");
    prompt_start(&p, ":", NULL);
    p.complete = complete_commands;
    type_text(&p, L"ta");
    prompt_key(&p, '\t', false);
    assert_string_equal(text_of(&p), "ta");
    assert_non_null(strstr(p.hint, "task"));
    assert_non_null(strstr(p.hint, "tab"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(commands_have_unique_keys),
        cmocka_unit_test(commands_have_help_and_unique_names),
        cmocka_unit_test(issue_commands_exist),
        cmocka_unit_test(command_line_errors_name_the_value),
        cmocka_unit_test(completion_lists_prefix_matches),
        cmocka_unit_test(key_names_are_readable),
        cmocka_unit_test(layout_fills_the_width),
        cmocka_unit_test(layout_never_overflows_narrow),
        cmocka_unit_test(task_cells_read_as_in_cats),
        cmocka_unit_test(other_cells_format),
        cmocka_unit_test(dates_show_in_local_zone),
        cmocka_unit_test(tab_names_resolve),
        cmocka_unit_test(paths_expand_and_classify),
        cmocka_unit_test(prompt_edits_wide_text),
        cmocka_unit_test(prompt_history_recalls),
        cmocka_unit_test(prompt_completes_names),
    };

    setlocale(LC_ALL, "C.UTF-8");
    setenv("TZ", "UTC", 1);
    tzset();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
