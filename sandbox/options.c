/* options.c: parses cats-sandbox's flags from a table; the fault flags come
 * from the fault table in settings.c. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "ratelimit.h"
#include "util.h"

#define DEFAULT_RATE_LIMIT 500
#define DEFAULT_RATE_SECONDS 3600
#define DEFAULT_BACKUP_SECONDS 5

typedef int apply_fn(struct options *options, const char *value, char *err, size_t err_size);

struct option_spec {
    const char *name;
    const char *arg;            /* NULL: the flag takes no value */
    const char *help;
    apply_fn *apply;
};

static bool
parse_long(const char *text, long min, long max, long *out)
{
    char *end;

    errno = 0;
    *out = strtol(text, &end, 10);
    return errno == 0 && end != text && *end == '\0' && *out >= min && *out <= max;
}

static int
apply_port(struct options *options, const char *value, char *err, size_t err_size)
{
    if (parse_long(value, 0, 65535, &options->port))
        return 0;
    snprintf(err, err_size, "--port must be a port number from 0 to 65535, not '%s'", value);
    return -1;
}

static int
apply_key(struct options *options, const char *value, char *err, size_t err_size)
{
    size_t len = strlen(value);

    if (len == 0 || len >= sizeof options->key || strpbrk(value, " \t\r\n")) {
        snprintf(err, err_size, "--key must be 1 to %zu characters without spaces", sizeof options->key - 1);
        return -1;
    }
    memcpy(options->key, value, len + 1);
    return 0;
}

static int
apply_seed(struct options *options, const char *value, char *err, size_t err_size)
{
    char *end;

    errno = 0;
    options->seed = strtoull(value, &end, 10);
    if (errno == 0 && end != value && *end == '\0' && value[0] != '-')
        return 0;
    snprintf(err, err_size, "--seed must be a non-negative integer, not '%s'", value);
    return -1;
}

static int
apply_size(struct options *options, const char *value, char *err, size_t err_size)
{
    const char *equals = strchr(value, '=');
    long size;

    for (int i = 0; equals && i < RES_COUNT; i++) {
        if (strlen(seed_resource_names[i]) != (size_t)(equals - value)
            || strncmp(seed_resource_names[i], value, (size_t)(equals - value)) != 0)
            continue;
        if (!parse_long(equals + 1, 0, 10000000, &size))
            break;
        options->sizes[i] = size;
        return 0;
    }
    snprintf(err, err_size, "--size takes RESOURCE=N with N from 0 to 10000000 and RESOURCE one of "
                            "tasks, activities, users, candidates, contacts, companies, jobs, portals, "
                            "backups, webhooks, tags, triggers, events, attachments, work_history; "
                            "'%s' is not that", value);
    return -1;
}

static int
apply_rate_limit(struct options *options, const char *value, char *err, size_t err_size)
{
    if (ratelimit_parse(value, &options->rate_limit, &options->rate_seconds))
        return 0;
    snprintf(err, err_size, "--rate-limit must be COUNT/SECONDS such as 500/3600 (COUNT at most %ld), "
                            "not '%s'", RATELIMIT_MAX, value);
    return -1;
}

static int
apply_backup_seconds(struct options *options, const char *value, char *err, size_t err_size)
{
    if (parse_long(value, 0, 86400, &options->backup_seconds))
        return 0;
    snprintf(err, err_size, "--backup-seconds must be from 0 to 86400, not '%s'", value);
    return -1;
}

static int
apply_epoch(struct options *options, const char *value, char *err, size_t err_size)
{
    long epoch;

    if (parse_long(value, 1, 32503680000L, &epoch)) {
        options->epoch = epoch;
        return 0;
    }
    snprintf(err, err_size, "--epoch must be a Unix time in seconds, not '%s'", value);
    return -1;
}

static int
apply_quirk(struct options *options, const char *value, char *err, size_t err_size)
{
    int index = settings_quirk_index(value);

    if (index >= 0) {
        options->quirks[index] = true;
        return 0;
    }
    snprintf(err, err_size, "--quirk must be total-null, href-no-slash, string-id or mixed-offsets, not '%s'", value);
    return -1;
}

static const struct option_spec specs[] = {
    { "port", "N", "listen on 127.0.0.1:N; 0 (the default) picks a free port", apply_port },
    { "key", "KEY", "the API key to accept (default: a random key, printed on line 2)", apply_key },
    { "seed", "N", "seed of the generated data (default 1)", apply_seed },
    { "size", "RESOURCE=N", "how many records of a resource to generate (repeatable)", apply_size },
    { "rate-limit", "COUNT/SECONDS", "requests allowed per rolling window (default 500/3600)", apply_rate_limit },
    { "backup-seconds", "N", "seconds a new backup stays queued, then running (default 5)", apply_backup_seconds },
    { "epoch", "UNIXTIME", "the time seeded dates are relative to (default: today 00:00 UTC)", apply_epoch },
    { "quirk", "NAME", "turn on a CATS quirk: total-null, href-no-slash, string-id, mixed-offsets (repeatable)", apply_quirk },
    { "help", NULL, "show this help and exit", NULL },
    { "version", NULL, "show the version and exit", NULL },
};

void
options_print_usage(FILE *out)
{
    fprintf(out, "Usage: cats-sandbox [OPTION]...\n"
                 "Serve a local CATS REST API v3 with seeded data on 127.0.0.1.\n"
                 "Prints the base URL on the first line of standard output.\n\n");
    for (size_t i = 0; i < ARRAY_LEN(specs); i++) {
        char flag[64];

        snprintf(flag, sizeof flag, "--%s%s%s", specs[i].name, specs[i].arg ? " " : "",
                 specs[i].arg ? specs[i].arg : "");
        fprintf(out, "  %-28s %s\n", flag, specs[i].help);
    }
    fprintf(out, "\nFaults (also settable at run time with PUT /_sandbox/faults):\n");
    settings_print_fault_usage(out);
    fprintf(out, "\nSee cats-sandbox(1) for the control endpoints and the request log.\n");
}

static void
set_defaults(struct options *options)
{
    memset(options, 0, sizeof *options);
    options->seed = 1;
    memcpy(options->sizes, seed_default_sizes, sizeof options->sizes);
    options->rate_limit = DEFAULT_RATE_LIMIT;
    options->rate_seconds = DEFAULT_RATE_SECONDS;
    options->backup_seconds = DEFAULT_BACKUP_SECONDS;
    settings_default_faults(&options->faults);
}

static const struct option_spec *
find_spec(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_LEN(specs); i++)
        if (strlen(specs[i].name) == len && strncmp(specs[i].name, name, len) == 0)
            return &specs[i];
    return NULL;
}

static enum options_result
invalid(const char *message)
{
    fprintf(stderr, "cats-sandbox: %s\n\n", message);
    options_print_usage(stderr);
    return OPTIONS_INVALID;
}

/* Applies one "--name[=value]" flag, taking the value from the next
 * argument when needed.  Returns 0, or -1 with a message in err. */
static int
apply_flag(struct options *options, int argc, char **argv, int *index, char *err, size_t err_size)
{
    const char *arg = argv[*index] + 2, *equals = strchr(arg, '=');
    size_t name_len = equals ? (size_t)(equals - arg) : strlen(arg);
    const struct option_spec *spec = find_spec(arg, name_len);
    const char *value = equals ? equals + 1 : NULL;
    char name[64];

    snprintf(name, sizeof name, "%.*s", (int)name_len, arg);
    if (spec == NULL && !settings_is_fault(name)) {
        snprintf(err, err_size, "unknown option --%s", name);
        return -1;
    }
    if (spec && spec->arg == NULL) {
        snprintf(err, err_size, "--%s takes no value", name);
        return equals ? -1 : 0;
    }
    if (value == NULL && *index + 1 < argc)
        value = argv[++*index];
    if (value == NULL) {
        snprintf(err, err_size, "--%s needs a value", name);
        return -1;
    }
    if (spec)
        return spec->apply(options, value, err, err_size);

    return settings_set_fault_text(&options->faults, name, value, err, err_size) == 0 ? 0 : -1;
}

enum options_result
options_parse(int argc, char **argv, struct options *options)
{
    char err[512];

    set_defaults(options);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            options_print_usage(stdout);
            return OPTIONS_EXIT;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("cats-sandbox %s\n", PACKAGE_VERSION);
            return OPTIONS_EXIT;
        }
        if (strncmp(argv[i], "--", 2) != 0 || argv[i][2] == '\0') {
            snprintf(err, sizeof err, "unexpected argument '%s'", argv[i]);
            return invalid(err);
        }
        if (apply_flag(options, argc, argv, &i, err, sizeof err) != 0)
            return invalid(err);
    }
    return OPTIONS_RUN;
}
