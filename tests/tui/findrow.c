/* findrow.c: a test tool that reads a CATS list page (JSON) on standard
 * input and prints the id of the first row whose FIELD is a string that
 * contains TEXT, or nothing.  TEXT may hold \e for ESC and \a for BEL, so
 * the terminal tests can find the seeded records with escape sequences. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

/* Copies text into out, turning \e into ESC and \a into BEL. */
static void
unescape(const char *text, char *out, size_t size)
{
    size_t n = 0;

    for (; *text && n + 1 < size; text++) {
        if (text[0] == '\\' && (text[1] == 'e' || text[1] == 'a')) {
            out[n++] = text[1] == 'e' ? '\033' : '\007';
            text++;
        } else {
            out[n++] = *text;
        }
    }
    out[n] = '\0';
}

static struct json_object *
rows_of(struct json_object *page)
{
    struct json_object *embedded;

    if (!json_object_object_get_ex(page, "_embedded", &embedded))
        return NULL;
    json_object_object_foreach(embedded, key, rows) {
        (void)key;
        if (json_object_is_type(rows, json_type_array))
            return rows;
    }
    return NULL;
}

int
main(int argc, char **argv)
{
    struct json_object *page, *rows;
    char text[512];

    if (argc != 3) {
        fprintf(stderr, "usage: findrow FIELD TEXT < page.json\n");
        return 2;
    }
    unescape(argv[2], text, sizeof text);
    page = json_object_from_fd(0);
    rows = page ? rows_of(page) : NULL;
    for (size_t i = 0; rows && i < json_object_array_length(rows); i++) {
        struct json_object *row = json_object_array_get_idx(rows, i), *value;
        if (json_object_object_get_ex(row, argv[1], &value)
            && json_object_is_type(value, json_type_string)
            && strstr(json_object_get_string(value), text) != NULL) {
            printf("%s\n", json_object_get_string(json_object_object_get(row, "id")));
            break;
        }
    }
    json_object_put(page);
    return 0;
}
