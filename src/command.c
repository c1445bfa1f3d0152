/* command.c: looks up, runs, completes and names the console's commands. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "command.h"

#define CTRL(c) ((c) & 0x1f)
#define CODE(k) ((unsigned)(k) | KEY_CODE_BIT)

const struct command *
command_find_key(const struct command *table, unsigned key)
{
    for (const struct command *c = table; c->name; c++)
        for (int i = 0; i < COMMAND_MAX_KEYS && c->keys[i]; i++)
            if (c->keys[i] == key)
                return c;
    return NULL;
}

const struct command *
command_find_name(const struct command *table, const char *name)
{
    for (const struct command *c = table; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static const char *
skip_spaces(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
}

/* Copies the argument without its trailing spaces; NULL when empty. */
static const char *
trim_argument(const char *arg, char *buf, size_t size)
{
    size_t len;

    arg = skip_spaces(arg);
    len = strlen(arg);
    while (len > 0 && isspace((unsigned char)arg[len - 1]))
        len--;
    if (len == 0)
        return NULL;
    snprintf(buf, size, "%.*s", (int)len, arg);
    return buf;
}

bool
command_run_line(struct app *app, const struct command *table, const char *line,
                 char *error, size_t error_size)
{
    char name[64], arg_buf[512];
    const char *start = skip_spaces(line), *arg;
    size_t len = strcspn(start, " \t");
    const struct command *c;

    if (len == 0 || len >= sizeof name) {
        snprintf(error, error_size, "Type a command name after ':'; Tab lists them.");
        return false;
    }
    memcpy(name, start, len);
    name[len] = '\0';
    c = command_find_name(table, name);
    if (c == NULL) {
        snprintf(error, error_size, "Unknown command '%s'; Tab after ':' lists the commands.", name);
        return false;
    }

    arg = trim_argument(start + len, arg_buf, sizeof arg_buf);
    if (c->arg != NULL && arg == NULL) {
        snprintf(error, error_size, "':%s' needs %s, e.g. ':%s %s'.", c->name, c->arg, c->name,
                 strcmp(c->arg, "ID") == 0 ? "42" : c->arg);
        return false;
    }
    if (c->arg == NULL && arg != NULL) {
        snprintf(error, error_size, "':%s' takes no argument; remove '%s'.", c->name, arg);
        return false;
    }
    c->run(app, arg, 0);
    return true;
}

#define MAX_ARG_COMPLETIONS 32

/* Completes the argument of "name prefix" into "name value" lines. */
static size_t
complete_argument(const struct command *table, const char *text, size_t name_len,
                  const char **out, size_t max)
{
    static char lines[MAX_ARG_COMPLETIONS][128];
    const char *values[MAX_ARG_COMPLETIONS];
    char name[64];
    const struct command *c;
    size_t count;

    if (name_len >= sizeof name)
        return 0;
    memcpy(name, text, name_len);
    name[name_len] = '\0';
    c = command_find_name(table, name);
    if (c == NULL || c->complete_arg == NULL)
        return 0;
    count = c->complete_arg(skip_spaces(text + name_len), values,
                            max < MAX_ARG_COMPLETIONS ? max : MAX_ARG_COMPLETIONS);
    for (size_t i = 0; i < count; i++) {
        snprintf(lines[i], sizeof lines[i], "%s %s", name, values[i]);
        out[i] = lines[i];
    }
    return count;
}

size_t
command_complete(const struct command *table, const char *text, const char **out, size_t max)
{
    size_t count = 0, len;

    text = skip_spaces(text);
    len = strcspn(text, " \t");
    if (text[len] != '\0')
        return complete_argument(table, text, len, out, max);
    for (const struct command *c = table; c->name && count < max; c++)
        if (strncmp(c->name, text, len) == 0)
            out[count++] = c->name;
    return count;
}

struct key_label {
    unsigned key;
    const char *name;
};

static const struct key_label key_labels[] = {
    { CODE(KEY_DOWN), "Down" },    { CODE(KEY_UP), "Up" },
    { CODE(KEY_LEFT), "Left" },    { CODE(KEY_RIGHT), "Right" },
    { CODE(KEY_NPAGE), "PgDn" },   { CODE(KEY_PPAGE), "PgUp" },
    { CODE(KEY_HOME), "Home" },    { CODE(KEY_END), "End" },
    { CODE(KEY_BTAB), "Shift-Tab" }, { CODE(KEY_ENTER), "Enter" },
    { CODE(KEY_BACKSPACE), "Backspace" }, { CODE(KEY_DC), "Delete" },
    { CODE(KEY_IC), "Insert" },
    { '\t', "Tab" }, { '\n', "Enter" }, { '\r', "Enter" },
    { 27, "Esc" }, { ' ', "Space" }, { 127, "Backspace" },
    { 0, NULL }
};

char *
command_key_name(unsigned key, char *buf, size_t size)
{
    for (const struct key_label *k = key_labels; k->name; k++)
        if (k->key == key) {
            snprintf(buf, size, "%s", k->name);
            return buf;
        }

    if (key & KEY_CODE_BIT) {
        unsigned code = key & ~KEY_CODE_BIT;
        if (code >= (unsigned)KEY_F(1) && code <= (unsigned)KEY_F(12))
            snprintf(buf, size, "F%u", code - (unsigned)KEY_F0);
        else
            snprintf(buf, size, "key %u", code);
    } else if (key < 32) {
        snprintf(buf, size, "Ctrl-%c", (char)(key + '@'));
    } else {
        snprintf(buf, size, "%lc", (wint_t)key);
    }
    return buf;
}

/* Whether keys[i..i+8] are '1' to '9', which the label shortens to "1-9". */
static bool
is_digit_run(const unsigned *keys, int i)
{
    for (int d = 0; d < 9; d++)
        if (i + d >= COMMAND_MAX_KEYS || keys[i + d] != (unsigned)('1' + d))
            return false;
    return true;
}

char *
command_keys_label(const struct command *c, char *buf, size_t size)
{
    char one[32], last[32] = "";
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; i < COMMAND_MAX_KEYS && c->keys[i]; i++) {
        if (is_digit_run(c->keys, i)) {
            snprintf(one, sizeof one, "1-9");
            i += 8;
        } else {
            command_key_name(c->keys[i], one, sizeof one);
        }
        /* Enter arrives as '\n', '\r' or KEY_ENTER; name it once. */
        if (strcmp(one, last) == 0)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", one);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
        snprintf(last, sizeof last, "%s", one);
    }
    return buf;
}
