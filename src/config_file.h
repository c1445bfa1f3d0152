/* config_file.h: the console's settings and API key, from the environment and
 * the config file.
 *
 * Sources, later ones winning:
 *
 *   1. the defaults below;
 *   2. $XDG_CONFIG_HOME/cats-admin/config, or ~/.config/cats-admin/config
 *      when XDG_CONFIG_HOME is unset or not absolute (a missing file is
 *      fine);
 *   3. CATS_API_URL for the base URL and CATS_API_KEY for the key;
 *   4. whatever the caller sets afterwards (--url) with config_set_url().
 *
 * The key never comes from the command line, where other users can read
 * it in the process list.  In the file it comes from one of:
 *
 *   api_key = KEY                  the key itself
 *   api_key_file = PATH            the first line of that file
 *   api_key_command = COMMAND      the first line the command prints,
 *                                  run with /bin/sh -c (e.g. "pass show cats")
 *
 * PATH may start with "~/"; a relative PATH is taken from the config file's
 * folder.  When CATS_API_KEY is set, the file's key setting is checked but
 * neither read nor run.  A config file that contains api_key or
 * api_key_file and is readable by group or others is rejected, and so is a
 * key file readable by them: the message names the file and the chmod 600
 * that fixes it.  A file with api_key_command is rejected when group or
 * others can write it, since they could change the command.
 *
 * The file has one "name = value" setting per line.  Blank lines and lines
 * starting with '#' are skipped, and a value in double quotes loses them.
 * Every setting is listed in the table in config_file.c and in struct
 * config.  (The file is not named config.h because autoconf owns that name.)
 *
 * Errors are values: a function that fails returns -1 and writes one
 * message into err, naming the file, the line, the value (never a key) and
 * what to do.  Loading runs before curses starts, so the caller prints it.
 *
 * Memory: struct config owns its strings.  config_free() releases them,
 * overwriting the key with zeros first.
 */
#ifndef CATS_CONFIG_FILE_H
#define CATS_CONFIG_FILE_H

#include <stdbool.h>

#define CONFIG_DEFAULT_URL "https://api.catsone.com/v3"
#define CONFIG_MESSAGE_MAX 1024

struct config_error {
    char message[CONFIG_MESSAGE_MAX];
};

struct config {
    char *url;             /* base URL, default CONFIG_DEFAULT_URL */
    char *api_key;         /* the secret; NULL when no source gave one */
    char *key_origin;      /* where the key came from, e.g. "CATS_API_KEY" or
                              "api_key_file ~/.cats-key"; never the key itself */
    char *path;            /* the config file that was read, or NULL */
    char *ca_file;         /* ca_file: CA bundle for TLS, NULL for the system's */
    char *journal_path;    /* journal: where writes are logged, default
                              $XDG_STATE_HOME/cats-admin/journal, or under
                              ~/.local/state; NULL when HOME is unset too */
    long connect_timeout;  /* connect_timeout: seconds, default 10 */
    long timeout;          /* timeout: seconds for a whole request, default 60 */
    long events_interval;  /* events_interval: seconds between polls of the
                              events feed, default 60 */
    long escdelay;         /* escdelay: milliseconds curses waits after ESC,
                              default 25 */
    long workers;          /* workers: fetcher threads, default 2 */
    long prefetch_reserve; /* prefetch_reserve: below this many requests left
                              in the rate-limit budget, pages are no longer
                              fetched ahead, default 50 */
};

/* Fills cfg from the defaults, the default config file and the
 * environment.  On failure cfg is left with nothing to free. */
int config_load(struct config *cfg, struct config_error *err);

/* Same with the config file at path; a missing file is an error unless
 * missing_ok.  The tests and a --config option use this. */
int config_load_file(struct config *cfg, const char *path, bool missing_ok,
                     struct config_error *err);

/* Returns the default config file's path (malloc'd), or NULL when neither
 * XDG_CONFIG_HOME nor HOME is set. */
char *config_default_path(void);

/* Replaces the base URL, e.g. from --url.  Fails when url is not http:// or
 * https://. */
int config_set_url(struct config *cfg, const char *url, struct config_error *err);

/* Fails when cfg has no key, with a message on how to set one. */
int config_require_key(const struct config *cfg, struct config_error *err);

/* Releases everything cfg owns, wiping the key, and zeroes cfg. */
void config_free(struct config *cfg);

#endif
