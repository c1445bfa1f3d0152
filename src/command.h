/* command.h: the one table of the console's commands, their keys and help.
 *
 * Every action a user can take is a row of this table: its ':' name, the
 * argument it takes, the keys bound to it and one line of help.  The key
 * handler, the ':' command line, its completion and the help screen all
 * read this table, so a key cannot exist without its help line.  Views add
 * keys of their own through the same struct (see view.h).
 */
#ifndef CATS_COMMAND_H
#define CATS_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct app;

/* A key as get_wch() returns it: a character, or a curses KEY_* code with
 * KEY_CODE_BIT set.  0 ends a key list. */
#define KEY_CODE_BIT 0x1000000
#define COMMAND_MAX_KEYS 10

struct command {
    const char *name;   /* what follows ':' */
    const char *arg;    /* "ID", "NAME" or NULL when it takes no argument */
    unsigned keys[COMMAND_MAX_KEYS];
    const char *help;   /* one line, for the help screen */
    /* Runs the command.  arg is the text after the name (NULL when none was
     * given); key is the key that ran it, or 0 from the command line. */
    void (*run)(struct app *app, const char *arg, unsigned key);
    /* Offers values of the argument that start with prefix (static
     * strings) for Tab; returns how many.  NULL: none are offered. */
    size_t (*complete_arg)(const char *prefix, const char **out, size_t max);
};

/* The global commands, ending with a row whose name is NULL. */
extern const struct command command_table[];

/* Returns the command in table bound to key, or NULL. */
const struct command *command_find_key(const struct command *table, unsigned key);

/* Returns the command in table named name, or NULL. */
const struct command *command_find_name(const struct command *table, const char *name);

/* Splits a command line ("task 42") into its command and argument and runs
 * it.  Returns false with a message in error when the name is unknown or
 * the argument is missing or unexpected. */
bool command_run_line(struct app *app, const struct command *table, const char *line,
                      char *error, size_t error_size);

/* Completes a command line for the ':' prompt: fills out with the names
 * in table that start with text or, once text contains a name and a space,
 * with "name value" for the argument values the command offers.  The
 * strings stay valid until the next call.  Returns their count. */
size_t command_complete(const struct command *table, const char *text, const char **out, size_t max);

/* Writes a key's readable name ("j", "Down", "Ctrl-D", "PgDn", "F5") into
 * buf.  Returns buf. */
char *command_key_name(unsigned key, char *buf, size_t size);

/* Joins the names of a command's keys ("j, Down") into buf.  Returns buf. */
char *command_keys_label(const struct command *c, char *buf, size_t size);

#endif
