/* text_sandbox_test.c: every string of the sandbox's seeded tasks and
 * activities, hostile ones included, comes out of the sanitizer inert and
 * fits its column exactly. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "fixture.h"
#include "inert.h"
#include "text.h"

#define PAGES 3

struct tally {
    int strings;   /* strings checked */
    int hostile;   /* strings that held a control character before sanitizing */
};

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (fixture_start(f, NULL, 0) != 0)
        return -1;
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture_stop(*state);
    free(*state);
    return 0;
}

static bool
has_control(const char *raw, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)raw[i] < 0x20 || raw[i] == 0x7f)
            return true;
    return false;
}

static void
check_string(struct json_object *value, struct tally *tally)
{
    const char *raw = json_object_get_string(value);
    size_t len = (size_t)json_object_get_string_len(value);
    char *line = text_sanitize_len(raw, len, TEXT_LINE);
    char *multi = text_sanitize_len(raw, len, TEXT_MULTILINE);
    const char *offence = inert_check(line, false);

    if (offence == NULL)
        offence = inert_check(multi, true);
    if (offence != NULL)
        fail_msg("sanitizing \"%s\" left %s", raw, offence);

    for (int cells = 1; cells <= 40; cells += 13) {
        char *cell = text_cell(raw, len, cells, TEXT_ALIGN_LEFT);

        assert_int_equal(text_width(cell), cells);
        free(cell);
    }
    tally->strings++;
    tally->hostile += has_control(raw, len);
    free(line);
    free(multi);
}

/* Checks every string inside value, at any depth. */
static void
check_value(struct json_object *value, struct tally *tally)
{
    if (json_object_is_type(value, json_type_string)) {
        check_string(value, tally);
    } else if (json_object_is_type(value, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(value); i++)
            check_value(json_object_array_get_idx(value, i), tally);
    } else if (json_object_is_type(value, json_type_object)) {
        json_object_object_foreach(value, key, member) {
            (void)key;
            check_value(member, tally);
        }
    }
}

typedef int (*list_fn)(struct api_client *c, int page, int per_page, struct api_list *out,
                       struct api_error *err);

static void
check_collection(struct fixture *f, list_fn list_page)
{
    struct tally tally = { 0 };

    for (int page = 1; page <= PAGES; page++) {
        struct api_list list = { 0 };
        struct api_error err;

        if (list_page(f->client, page, 100, &list, &err) != 0)
            fail_msg("page %d: %s", page, err.message);
        check_value(list.rows, &tally);
        api_list_free(&list);
    }
    assert_true(tally.strings > 100 * PAGES);
    assert_true(tally.hostile > 0);
}

static void
test_task_strings_inert(void **state)
{
    check_collection(*state, api_tasks_list);
}

static void
test_activity_strings_inert(void **state)
{
    check_collection(*state, api_activities_list);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_task_strings_inert),
        cmocka_unit_test(test_activity_strings_inert),
    };

    if (setlocale(LC_ALL, "C.UTF-8") == NULL)
        fail_msg("the C.UTF-8 locale is missing; install the locales package");
    return cmocka_run_group_tests(tests, setup, teardown);
}
