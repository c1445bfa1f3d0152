/* config_file.c: reads the console's settings and API key from the
 * environment and the config file. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "config_file.h"
#include "mem.h"

#define DEFAULT_CONNECT_TIMEOUT 10
#define DEFAULT_TIMEOUT 60
#define DEFAULT_EVENTS_INTERVAL 60
#define DEFAULT_ESCDELAY 25
#define DEFAULT_WORKERS 2
#define DEFAULT_PREFETCH_RESERVE 50

/* Permission bits that let group or others read, or write, a file. */
#define MODE_OTHERS_READ (S_IRGRP | S_IROTH)
#define MODE_OTHERS_WRITE (S_IWGRP | S_IWOTH)

enum key_kind {
    KEY_NONE,
    KEY_INLINE,  /* api_key: the key itself */
    KEY_FILE,    /* api_key_file: a path */
    KEY_COMMAND, /* api_key_command: a shell command */
};

/* The state of reading one config file.  The key setting is only noted
 * here, and read or run after the environment is applied, because
 * CATS_API_KEY wins over it. */
struct loader {
    struct config *cfg;
    const char *path;
    int line;
    mode_t mode;
    enum key_kind key_kind;
    const char *key_setting; /* the name of the setting that gave the key */
    char *key_value;         /* the key itself, a resolved path or a command */
    int key_line;
};

struct setting;

/* Parses value into the field setting names; returns 0 or -1 with err. */
typedef int (*setting_parse_fn)(struct loader *ld, const struct setting *setting,
                                const char *value, struct config_error *err);

struct setting {
    const char *name;
    setting_parse_fn parse;
    size_t offset;         /* of the field in struct config */
    long min, max;         /* numbers: the accepted range */
    const char *unit;      /* numbers: what they count */
    enum key_kind key_kind; /* key settings */
};

static int parse_url(struct loader *ld, const struct setting *setting, const char *value,
                     struct config_error *err);
static int parse_key(struct loader *ld, const struct setting *setting, const char *value,
                     struct config_error *err);
static int parse_path(struct loader *ld, const struct setting *setting, const char *value,
                      struct config_error *err);
static int parse_number(struct loader *ld, const struct setting *setting, const char *value,
                        struct config_error *err);

static const struct setting settings[] = {
    { "url", parse_url, offsetof(struct config, url), 0, 0, NULL, KEY_NONE },
    { "api_key", parse_key, 0, 0, 0, NULL, KEY_INLINE },
    { "api_key_file", parse_key, 0, 0, 0, NULL, KEY_FILE },
    { "api_key_command", parse_key, 0, 0, 0, NULL, KEY_COMMAND },
    { "ca_file", parse_path, offsetof(struct config, ca_file), 0, 0, NULL, KEY_NONE },
    { "journal", parse_path, offsetof(struct config, journal_path), 0, 0, NULL, KEY_NONE },
    { "connect_timeout", parse_number, offsetof(struct config, connect_timeout), 1, 300,
      "seconds", KEY_NONE },
    { "timeout", parse_number, offsetof(struct config, timeout), 1, 3600, "seconds", KEY_NONE },
    { "events_interval", parse_number, offsetof(struct config, events_interval), 5, 86400,
      "seconds", KEY_NONE },
    { "escdelay", parse_number, offsetof(struct config, escdelay), 0, 1000, "milliseconds",
      KEY_NONE },
    { "workers", parse_number, offsetof(struct config, workers), 1, 8, "threads", KEY_NONE },
    { "prefetch_reserve", parse_number, offsetof(struct config, prefetch_reserve), 0, 100000,
      "requests", KEY_NONE },
};

#define SETTING_COUNT (sizeof settings / sizeof settings[0])

static int
fail(struct config_error *err, const char *format, ...) __attribute__((format(printf, 2, 3)));

static int
fail(struct config_error *err, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vsnprintf(err->message, sizeof err->message, format, args);
    va_end(args);
    return -1;
}

static char **
string_field(struct config *cfg, const struct setting *setting)
{
    return (char **)((char *)cfg + setting->offset);
}

static long *
number_field(struct config *cfg, const struct setting *setting)
{
    return (long *)((char *)cfg + setting->offset);
}

/* Returns "$variable/suffix" when the variable is an absolute path, else
 * "$HOME/home_suffix/suffix", else NULL when HOME is unset too. */
static char *
xdg_path(const char *variable, const char *home_suffix, const char *suffix)
{
    const char *base = getenv(variable);
    const char *home = getenv("HOME");

    if (base != NULL && base[0] == '/')
        return mem_printf("%s/%s", base, suffix);
    if (home != NULL && home[0] != '\0')
        return mem_printf("%s/%s/%s", home, home_suffix, suffix);
    return NULL;
}

char *
config_default_path(void)
{
    return xdg_path("XDG_CONFIG_HOME", ".config", "cats-admin/config");
}

static void
config_defaults(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->url = mem_strdup(CONFIG_DEFAULT_URL);
    cfg->journal_path = xdg_path("XDG_STATE_HOME", ".local/state", "cats-admin/journal");
    cfg->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
    cfg->timeout = DEFAULT_TIMEOUT;
    cfg->events_interval = DEFAULT_EVENTS_INTERVAL;
    cfg->escdelay = DEFAULT_ESCDELAY;
    cfg->workers = DEFAULT_WORKERS;
    cfg->prefetch_reserve = DEFAULT_PREFETCH_RESERVE;
}

void
config_free(struct config *cfg)
{
    if (cfg == NULL)
        return;
    mem_wipe_free(cfg->api_key);
    free(cfg->url);
    free(cfg->key_origin);
    free(cfg->path);
    free(cfg->ca_file);
    free(cfg->journal_path);
    memset(cfg, 0, sizeof *cfg);
}

static bool
is_url(const char *url)
{
    bool scheme = strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;

    for (const unsigned char *c = (const unsigned char *)url; *c; c++)
        if (*c <= ' ' || *c == 0x7f)
            return false;
    return scheme && strlen(url) > 8;
}

/* Sets the URL; origin names where it came from, for the message. */
static int
set_url(struct config *cfg, const char *url, const char *origin, struct config_error *err)
{
    if (!is_url(url))
        return fail(err,
                    "%s: the URL \"%.200s\" is not an http:// or https:// URL; give a base URL "
                    "such as %s",
                    origin, url, CONFIG_DEFAULT_URL);
    free(cfg->url);
    cfg->url = mem_strdup(url);
    return 0;
}

int
config_set_url(struct config *cfg, const char *url, struct config_error *err)
{
    return set_url(cfg, url, "--url", err);
}

/* Checks that a key can go into an HTTP header; origin names its source. */
static int
check_key(const char *key, const char *origin, struct config_error *err)
{
    if (key[0] == '\0')
        return fail(err, "the API key from %s is empty; put the key there, on one line", origin);

    for (const unsigned char *c = (const unsigned char *)key; *c; c++)
        if (*c <= ' ' || *c >= 0x7f)
            return fail(err,
                        "the API key from %s contains a space, a control character or a "
                        "non-ASCII character, which an HTTP header cannot carry; check that "
                        "it holds only the key",
                        origin);
    return 0;
}

static int
set_key(struct config *cfg, char *key, const char *origin, struct config_error *err)
{
    if (check_key(key, origin, err) != 0) {
        mem_wipe_free(key);
        return -1;
    }
    cfg->api_key = key;
    cfg->key_origin = mem_strdup(origin);
    return 0;
}

/* Formats "FILE line N: " before a message about the current line. */
static int
fail_line(struct loader *ld, struct config_error *err, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail_line(struct loader *ld, struct config_error *err, const char *format, ...)
{
    va_list args;
    int used = snprintf(err->message, sizeof err->message, "%s line %d: ", ld->path, ld->line);

    if (used < 0 || (size_t)used >= sizeof err->message)
        return -1;
    va_start(args, format);
    vsnprintf(err->message + used, sizeof err->message - (size_t)used, format, args);
    va_end(args);
    return -1;
}

static int
parse_url(struct loader *ld, const struct setting *setting, const char *value,
          struct config_error *err)
{
    char origin[512];

    snprintf(origin, sizeof origin, "%s line %d", ld->path, ld->line);
    return set_url(ld->cfg, value, origin, err);
}

/* Resolves "~/x" under $HOME and a relative path from the config file's
 * folder. */
static char *
resolve_path(const struct loader *ld, const char *value)
{
    const char *home = getenv("HOME");
    const char *slash = strrchr(ld->path, '/');

    if (strncmp(value, "~/", 2) == 0 && home != NULL)
        return mem_printf("%s/%s", home, value + 2);
    if (value[0] == '/' || slash == NULL)
        return mem_strdup(value);
    return mem_printf("%.*s/%s", (int)(slash - ld->path), ld->path, value);
}

static int
parse_path(struct loader *ld, const struct setting *setting, const char *value,
           struct config_error *err)
{
    char **field = string_field(ld->cfg, setting);

    if (value[0] == '\0')
        return fail_line(ld, err, "%s is empty; give a path, or remove the line", setting->name);
    free(*field);
    *field = resolve_path(ld, value);
    return 0;
}

static int
parse_number(struct loader *ld, const struct setting *setting, const char *value,
             struct config_error *err)
{
    char *end = NULL;
    long number;

    errno = 0;
    number = strtol(value, &end, 10);
    if (value[0] == '\0' || *end != '\0' || errno != 0 || number < setting->min
        || number > setting->max)
        return fail_line(ld, err, "%s = \"%.64s\" is invalid; give a whole number of %s from %ld "
                         "to %ld",
                         setting->name, value, setting->unit, setting->min, setting->max);
    *number_field(ld->cfg, setting) = number;
    return 0;
}

static int
parse_key(struct loader *ld, const struct setting *setting, const char *value,
          struct config_error *err)
{
    if (ld->key_kind != KEY_NONE)
        return fail_line(ld, err, "%s sets the API key, but line %d already set it with %s; "
                         "keep only one of api_key, api_key_file and api_key_command",
                         setting->name, ld->key_line, ld->key_setting);
    if (value[0] == '\0')
        return fail_line(ld, err, "%s is empty; give a value, or remove the line", setting->name);

    ld->key_kind = setting->key_kind;
    ld->key_setting = setting->name;
    ld->key_line = ld->line;
    ld->key_value = setting->key_kind == KEY_FILE ? resolve_path(ld, value) : mem_strdup(value);
    return 0;
}

/* Trims spaces, tabs and line ends from both sides, in place. */
static char *
trim(char *s)
{
    size_t len;

    while (*s == ' ' || *s == '\t')
        s++;
    len = strlen(s);
    while (len > 0 && strchr(" \t\r\n", s[len - 1]) != NULL)
        s[--len] = '\0';
    return s;
}

static char *
unquote(char *value)
{
    size_t len = strlen(value);

    if (len >= 2 && value[0] == '"' && value[len - 1] == '"') {
        value[len - 1] = '\0';
        return value + 1;
    }
    return value;
}

static const struct setting *
find_setting(const char *name)
{
    for (size_t i = 0; i < SETTING_COUNT; i++)
        if (strcmp(settings[i].name, name) == 0)
            return &settings[i];
    return NULL;
}

static int
fail_unknown(struct loader *ld, const char *name, struct config_error *err)
{
    char known[512] = "";

    for (size_t i = 0; i < SETTING_COUNT; i++) {
        strncat(known, settings[i].name, sizeof known - strlen(known) - 1);
        if (i + 1 < SETTING_COUNT)
            strncat(known, ", ", sizeof known - strlen(known) - 1);
    }
    return fail_line(ld, err, "unknown setting \"%.64s\"; the settings are %s", name, known);
}

/* Parses one line of the file.  A line without '=' is reported without its
 * text, since it may be a key written the wrong way. */
static int
parse_line(struct loader *ld, char *line, struct config_error *err)
{
    char *text = trim(line);
    char *equals = strchr(text, '=');

    if (text[0] == '\0' || text[0] == '#')
        return 0;
    if (equals == NULL)
        return fail_line(ld, err, "the line has no '='; write each setting as name = value");

    *equals = '\0';
    const char *name = trim(text);
    const struct setting *setting = find_setting(name);
    if (setting == NULL)
        return fail_unknown(ld, name, err);
    return setting->parse(ld, setting, unquote(trim(equals + 1)), err);
}

/* Rejects a config file that others could read the key from, or whose key
 * command others could change. */
static int
check_file_mode(const struct loader *ld, struct config_error *err)
{
    unsigned mode = (unsigned)(ld->mode & 0777);

    if ((ld->key_kind == KEY_INLINE || ld->key_kind == KEY_FILE) && (ld->mode & MODE_OTHERS_READ))
        return fail(err,
                    "%s sets %s (line %d) but is readable by group or others (mode %04o), "
                    "and a file that leads to the API key must be private; run: chmod 600 %s",
                    ld->path, ld->key_setting, ld->key_line, mode, ld->path);
    if (ld->key_kind == KEY_COMMAND && (ld->mode & MODE_OTHERS_WRITE))
        return fail(err,
                    "%s sets api_key_command (line %d) but is writable by group or others "
                    "(mode %04o), who could change the command; run: chmod 600 %s",
                    ld->path, ld->key_line, mode, ld->path);
    return 0;
}

/* Reads every line of an open file; the buffer is wiped, as lines may
 * contain the key. */
static int
parse_lines(struct loader *ld, FILE *file, struct config_error *err)
{
    char *line = NULL;
    size_t capacity = 0;
    int result = 0;

    while (result == 0 && getline(&line, &capacity, file) >= 0) {
        ld->line++;
        result = parse_line(ld, line, err);
    }
    if (result == 0 && ferror(file))
        result = fail(err, "cannot read %s: %s", ld->path, strerror(errno));

    mem_wipe(line, capacity);
    free(line);
    return result;
}

/* Opens path for reading as a regular file and reports its mode.  Returns
 * NULL with errno set (EISDIR etc.) on failure. */
static FILE *
open_regular(const char *path, mode_t *mode)
{
    struct stat st;
    FILE *file = fopen(path, "re");

    if (file == NULL)
        return NULL;
    if (fstat(fileno(file), &st) != 0) {
        int saved = errno;

        fclose(file);
        errno = saved;
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        fclose(file);
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        return NULL;
    }
    *mode = st.st_mode;
    return file;
}

static int
read_config_file(struct loader *ld, bool missing_ok, struct config_error *err)
{
    FILE *file = open_regular(ld->path, &ld->mode);

    if (file == NULL && errno == ENOENT && missing_ok)
        return 0;
    if (file == NULL && errno == ENOENT)
        return fail(err, "the config file %s does not exist; check the path", ld->path);
    if (file == NULL)
        return fail(err, "cannot read the config file %s: %s; fix or remove it", ld->path,
                    strerror(errno));

    ld->cfg->path = mem_strdup(ld->path);
    int result = parse_lines(ld, file, err);
    fclose(file);
    return result == 0 ? check_file_mode(ld, err) : result;
}

/* Returns the first line of file, trimmed, wiping every buffer it used.
 * The rest of the file is read and dropped, so a command that prints more
 * does not fail writing to a closed pipe. */
static char *
read_first_line(FILE *file)
{
    char *line = NULL, *first = NULL;
    size_t capacity = 0;

    while (getline(&line, &capacity, file) >= 0) {
        if (first == NULL)
            first = mem_strdup(trim(line));
        mem_wipe(line, capacity);
    }
    free(line);
    return first ? first : mem_strdup("");
}

static int
read_key_file(struct loader *ld, struct config_error *err)
{
    mode_t mode = 0;
    char origin[600];
    FILE *file = open_regular(ld->key_value, &mode);

    if (file == NULL)
        return fail(err, "cannot read the API key file %s (api_key_file in %s line %d): %s; "
                    "fix the path or create the file",
                    ld->key_value, ld->path, ld->key_line, strerror(errno));
    if (mode & MODE_OTHERS_READ) {
        fclose(file);
        return fail(err, "the API key file %s is readable by group or others (mode %04o); "
                    "run: chmod 600 %s",
                    ld->key_value, (unsigned)(mode & 0777), ld->key_value);
    }

    char *key = read_first_line(file);
    fclose(file);
    snprintf(origin, sizeof origin, "api_key_file %s", ld->key_value);
    return set_key(ld->cfg, key, origin, err);
}

/* Describes how a key command ended, or returns NULL when it succeeded. */
static const char *
command_failure(int status, char *buf, size_t size)
{
    if (status == -1)
        snprintf(buf, size, "could not be run (%s)", strerror(errno));
    else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(buf, size, "was killed by signal %d", WTERMSIG(status));
    else
        return NULL;
    return buf;
}

/* TODO: the command runs without a time limit, so one that waits for
 * input it never gets (a locked password manager) stops start-up. */
static int
run_key_command(struct loader *ld, struct config_error *err)
{
    char how[128], origin[600];
    FILE *output;

    fflush(NULL);
    output = popen(ld->key_value, "r");
    if (output == NULL)
        return fail(err, "cannot run api_key_command from %s line %d: %s", ld->path,
                    ld->key_line, strerror(errno));

    char *key = read_first_line(output);
    const char *failure = command_failure(pclose(output), how, sizeof how);
    if (failure != NULL) {
        mem_wipe_free(key);
        return fail(err, "api_key_command \"%.200s\" (%s line %d) %s; run it in a shell to "
                    "see why",
                    ld->key_value, ld->path, ld->key_line, failure);
    }
    snprintf(origin, sizeof origin, "api_key_command in %s", ld->path);
    return set_key(ld->cfg, key, origin, err);
}

/* Takes the key from the file's setting, unless CATS_API_KEY gave one. */
static int
resolve_key(struct loader *ld, struct config_error *err)
{
    char origin[600];

    if (ld->cfg->api_key != NULL || ld->key_kind == KEY_NONE)
        return 0;
    if (ld->key_kind == KEY_FILE)
        return read_key_file(ld, err);
    if (ld->key_kind == KEY_COMMAND)
        return run_key_command(ld, err);

    snprintf(origin, sizeof origin, "api_key in %s", ld->path);
    return set_key(ld->cfg, mem_strdup(ld->key_value), origin, err);
}

static int
apply_environment(struct config *cfg, struct config_error *err)
{
    const char *url = getenv("CATS_API_URL");
    const char *key = getenv("CATS_API_KEY");

    if (url != NULL && url[0] != '\0' && set_url(cfg, url, "CATS_API_URL", err) != 0)
        return -1;
    if (key != NULL && key[0] != '\0')
        return set_key(cfg, mem_strdup(key), "CATS_API_KEY", err);
    return 0;
}

/* Loads defaults, then the file at path when not NULL, then the
 * environment, then the key the file named. */
static int
load(struct config *cfg, const char *path, bool missing_ok, struct config_error *err)
{
    struct loader ld = { .cfg = cfg, .path = path };
    int result = 0;

    config_defaults(cfg);
    err->message[0] = '\0';
    if (path != NULL)
        result = read_config_file(&ld, missing_ok, err);
    if (result == 0)
        result = apply_environment(cfg, err);
    if (result == 0)
        result = resolve_key(&ld, err);

    mem_wipe_free(ld.key_value);
    if (result != 0)
        config_free(cfg);
    return result;
}

int
config_load_file(struct config *cfg, const char *path, bool missing_ok,
                 struct config_error *err)
{
    return load(cfg, path, missing_ok, err);
}

int
config_load(struct config *cfg, struct config_error *err)
{
    char *path = config_default_path();
    int result = load(cfg, path, true, err);

    free(path);
    return result;
}

int
config_require_key(const struct config *cfg, struct config_error *err)
{
    char *path;

    if (cfg->api_key != NULL)
        return 0;

    path = config_default_path();
    fail(err,
         "no API key is set.  Set CATS_API_KEY in the environment, or add a line "
         "\"api_key_file = PATH\" or \"api_key_command = COMMAND\" to %s and make that file "
         "private with chmod 600.  The key is never read from the command line.  "
         "cats-admin --sandbox needs no key.",
         path ? path : "~/.config/cats-admin/config");
    free(path);
    return -1;
}
