/* main.c: cats-admin's entry point: options, configuration, the optional
 * sandbox, then the console. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api.h"
#include "app.h"
#include "config_file.h"
#include "fetch.h"
#include "mem.h"
#include "sandbox_child.h"
#include "text.h"
#include "ui.h"
#include "version.h"

struct options {
    const char *url;
    const char *config_path;
    int sandbox;
};

static void
print_usage(FILE *out)
{
    fprintf(out,
            "Usage: cats-admin [--sandbox] [--url URL] [--config FILE]\n"
            "A terminal console for the CATS applicant tracking system (API v3).\n"
            "\n"
            "  --sandbox      start cats-sandbox on loopback with seeded data and use it\n"
            "  --url URL      the API's base URL (default %s,\n"
            "                 or CATS_API_URL, or url in the config file)\n"
            "  --config FILE  read settings from FILE instead of\n"
            "                 $XDG_CONFIG_HOME/cats-admin/config\n"
            "  --help         show this help\n"
            "  --version      show the version\n"
            "\n"
            "The API key comes from CATS_API_KEY, or from api_key_file, api_key_command\n"
            "or api_key in the config file; never from the command line.  See\n"
            "cats-admin(1).\n",
            CONFIG_DEFAULT_URL);
}

/* Returns 0 to go on, 1 when the program should exit 0, 2 on bad usage. */
static int
parse_options(int argc, char **argv, struct options *opts)
{
    static const struct option long_options[] = {
        { "sandbox", no_argument, NULL, 's' },
        { "url", required_argument, NULL, 'u' },
        { "config", required_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    int c;

    memset(opts, 0, sizeof *opts);
    while ((c = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
        switch (c) {
        case 's': opts->sandbox = 1; break;
        case 'u': opts->url = optarg; break;
        case 'c': opts->config_path = optarg; break;
        case 'h': print_usage(stdout); return 1;
        case 'V': puts(cats_version_string()); return 1;
        default: print_usage(stderr); return 2;
        }
    }
    if (opts->sandbox && opts->url) {
        fprintf(stderr, "cats-admin: --sandbox chooses its own URL, so --url cannot go with it; "
                "drop one of them.\n");
        return 2;
    }
    if (optind < argc) {
        fprintf(stderr, "cats-admin: unexpected argument '%s'; the API key is never given on "
                "the command line (use CATS_API_KEY).\n", argv[optind]);
        print_usage(stderr);
        return 2;
    }
    return 0;
}

/* Needs a UTF-8 locale to draw names in every script; falls back to
 * C.UTF-8 when the environment's locale is not UTF-8. */
static int
set_locale(void)
{
    setlocale(LC_ALL, "");
    if (text_locale_is_utf8())
        return 0;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && text_locale_is_utf8())
        return 0;
    fprintf(stderr, "cats-admin: the locale is not UTF-8 and C.UTF-8 is not installed; set "
            "LANG to a UTF-8 locale such as en_US.UTF-8.\n");
    return -1;
}

/* Returns 0, 1 for a bad configuration, or 2 for a bad --url. */
static int
load_config(const struct options *opts, struct config *cfg)
{
    struct config_error err;
    int rc = opts->config_path ? config_load_file(cfg, opts->config_path, false, &err)
                               : config_load(cfg, &err);

    if (rc != 0) {
        fprintf(stderr, "cats-admin: %s\n", err.message);
        return 1;
    }
    if (opts->url && config_set_url(cfg, opts->url, &err) != 0) {
        fprintf(stderr, "cats-admin: %s\n", err.message);
        config_free(cfg);
        return 2;
    }
    return 0;
}

/* The console draws on a terminal and reads keys from it. */
static int
check_terminal(void)
{
    if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
        return 0;
    fprintf(stderr, "cats-admin: standard input and output must be a terminal; run it in one "
            "(over SSH, use ssh -t).\n");
    return -1;
}

/* Creates dir and its missing parents, private to the user, as mkdir -p. */
static void
make_dirs(char *dir)
{
    for (char *slash = strchr(dir + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(dir, 0700);
        *slash = '/';
    }
    mkdir(dir, 0700);
}

/* The sandbox's log: $XDG_STATE_HOME/cats-admin/sandbox.log (by default
 * ~/.local/state/...), its folders created; NULL without HOME. */
static char *
sandbox_log_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char *dir, *path;

    if (state && state[0] == '/')
        dir = mem_printf("%s/cats-admin", state);
    else if (home && home[0] == '/')
        dir = mem_printf("%s/.local/state/cats-admin", home);
    else
        return NULL;
    make_dirs(dir);
    path = mem_printf("%s/sandbox.log", dir);
    free(dir);
    return path;
}

static int
start_sandbox(struct config *cfg, struct sandbox_child *child)
{
    char err[512];
    char *log_path = sandbox_log_path();
    int rc = sandbox_child_start(child, log_path, err, sizeof err);

    free(log_path);
    if (rc != 0) {
        fprintf(stderr, "cats-admin: %s\n", err);
        return -1;
    }
    free(cfg->url);
    cfg->url = mem_strdup(child->url);
    mem_wipe_free(cfg->api_key);
    cfg->api_key = mem_strdup(child->key);
    free(cfg->key_origin);
    cfg->key_origin = mem_strdup("cats-sandbox");
    return 0;
}

static struct api_session *
open_session(const struct config *cfg)
{
    struct api_session_config sc = {
        .base_url = cfg->url,
        .api_key = cfg->api_key,
        .connect_timeout_ms = cfg->connect_timeout * 1000,
        .timeout_ms = cfg->timeout * 1000,
        .ca_file = cfg->ca_file,
    };
    struct api_error err;
    struct api_session *session = api_session_new(&sc, &err);
    char message[API_MESSAGE_MAX + 256];

    if (session == NULL)
        fprintf(stderr, "cats-admin: %s\n", api_error_describe(&err, message, sizeof message));
    return session;
}

static int
run_console(const struct config *cfg, struct api_session *session)
{
    struct api_error err;
    struct fetch *fetch = fetch_new(session, (int)cfg->workers, &err);
    struct app app;
    char why[256];

    if (fetch == NULL) {
        fprintf(stderr, "cats-admin: cannot start the fetcher threads: %s\n", err.message);
        return 1;
    }
    if (!ui_start((int)cfg->escdelay, why, sizeof why)) {
        fprintf(stderr, "cats-admin: %s\n", why);
        fetch_free(fetch);
        return 1;
    }
    app_init(&app, cfg, session, fetch);
    ui_run(&app, fetch_wake_fd(fetch));
    ui_stop();
    app_free(&app);
    fetch_free(fetch);
    return 0;
}

int
main(int argc, char **argv)
{
    struct options opts;
    struct config cfg;
    struct config_error err;
    struct sandbox_child child = { .pid = -1, .stdout_fd = -1 };
    struct api_session *session;
    int rc;

    ui_profile_begin();
    rc = parse_options(argc, argv, &opts);
    if (rc != 0)
        return rc == 1 ? 0 : 2;
    if (set_locale() != 0)
        return 1;
    rc = load_config(&opts, &cfg);
    if (rc != 0)
        return rc;
    if (!opts.sandbox && config_require_key(&cfg, &err) != 0) {
        fprintf(stderr, "cats-admin: %s\n", err.message);
        config_free(&cfg);
        return 1;
    }
    if (check_terminal() != 0 || (opts.sandbox && start_sandbox(&cfg, &child) != 0)) {
        config_free(&cfg);
        return 1;
    }

    session = open_session(&cfg);
    rc = session ? run_console(&cfg, session) : 1;
    api_session_free(session);
    sandbox_child_stop(&child);
    config_free(&cfg);
    return rc;
}
