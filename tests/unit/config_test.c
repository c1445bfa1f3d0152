/* config_test.c: unit tests of config loading, on real files in a
 * temporary $XDG_CONFIG_HOME. */
#include "config.h"

#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "config_file.h"

struct fixture {
    char home[64];        /* temporary $HOME */
    char config_dir[192]; /* $XDG_CONFIG_HOME/cats-admin */
    char config_path[256];
};

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    char xdg[96];

    snprintf(fx->home, sizeof fx->home, "/tmp/cats-config-test.XXXXXX");
    if (mkdtemp(fx->home) == NULL)
        return -1;
    snprintf(xdg, sizeof xdg, "%s/xdg", fx->home);
    snprintf(fx->config_dir, sizeof fx->config_dir, "%s/cats-admin", xdg);
    snprintf(fx->config_path, sizeof fx->config_path, "%s/config", fx->config_dir);
    mkdir(xdg, 0700);
    mkdir(fx->config_dir, 0700);

    setenv("HOME", fx->home, 1);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    unsetenv("XDG_STATE_HOME");
    unsetenv("CATS_API_KEY");
    unsetenv("CATS_API_URL");
    *state = fx;
    return 0;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(path);
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;

    nftw(fx->home, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

/* Writes content to path with exactly the given mode. */
static void
write_file(const char *path, const char *content, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    assert_int_equal(fchmod(fd, mode), 0);
    close(fd);
}

static void
write_config(struct fixture *fx, const char *content, mode_t mode)
{
    write_file(fx->config_path, content, mode);
}

/* Loads the config expecting success. */
static void
load_ok(struct config *cfg)
{
    struct config_error err;

    if (config_load(cfg, &err) != 0)
        fail_msg("config_load failed: %s", err.message);
}

/* Loads the config expecting failure, and checks the message contains
 * every one of the NULL-terminated needles. */
static void
load_fails_with(const char *first, ...)
{
    struct config cfg;
    struct config_error err;
    va_list args;

    assert_int_equal(config_load(&cfg, &err), -1);
    va_start(args, first);
    for (const char *needle = first; needle != NULL; needle = va_arg(args, const char *))
        if (strstr(err.message, needle) == NULL)
            fail_msg("\"%s\" is not in the message: %s", needle, err.message);
    va_end(args);
    assert_null(cfg.url);
    assert_null(cfg.api_key);
}

static void
test_defaults_without_file(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    struct config_error err;
    char journal[256];

    load_ok(&cfg);
    assert_string_equal(cfg.url, CONFIG_DEFAULT_URL);
    assert_null(cfg.api_key);
    assert_null(cfg.path);
    assert_int_equal(cfg.connect_timeout, 10);
    assert_int_equal(cfg.timeout, 60);
    assert_int_equal(cfg.events_interval, 60);
    assert_int_equal(cfg.escdelay, 25);
    assert_int_equal(cfg.workers, 2);
    assert_int_equal(cfg.prefetch_reserve, 50);
    snprintf(journal, sizeof journal, "%s/.local/state/cats-admin/journal", fx->home);
    assert_string_equal(cfg.journal_path, journal);

    assert_int_equal(config_require_key(&cfg, &err), -1);
    assert_non_null(strstr(err.message, "CATS_API_KEY"));
    assert_non_null(strstr(err.message, fx->config_path));
    assert_non_null(strstr(err.message, "chmod 600"));
    config_free(&cfg);
}

static void
test_default_path_follows_xdg(void **state)
{
    struct fixture *fx = *state;
    char expected[256];
    char *path = config_default_path();

    assert_string_equal(path, fx->config_path);
    free(path);

    unsetenv("XDG_CONFIG_HOME");
    snprintf(expected, sizeof expected, "%s/.config/cats-admin/config", fx->home);
    path = config_default_path();
    assert_string_equal(path, expected);
    free(path);

    setenv("XDG_CONFIG_HOME", "relative/dir", 1);
    path = config_default_path();
    assert_string_equal(path, expected);
    free(path);
}

static void
test_environment_key_and_url(void **state)
{
    struct config cfg;
    struct config_error err;

    setenv("CATS_API_KEY", "env-key-123", 1);
    setenv("CATS_API_URL", "http://127.0.0.1:8080/v3", 1);
    load_ok(&cfg);
    assert_string_equal(cfg.api_key, "env-key-123");
    assert_string_equal(cfg.key_origin, "CATS_API_KEY");
    assert_string_equal(cfg.url, "http://127.0.0.1:8080/v3");
    assert_int_equal(config_require_key(&cfg, &err), 0);

    assert_int_equal(config_set_url(&cfg, "https://example.test/v3", &err), 0);
    assert_string_equal(cfg.url, "https://example.test/v3");
    assert_int_equal(config_set_url(&cfg, "ftp://example.test", &err), -1);
    assert_non_null(strstr(err.message, "ftp://example.test"));
    assert_string_equal(cfg.url, "https://example.test/v3");
    config_free(&cfg);
    assert_null(cfg.api_key);
}

static void
test_settings_parsed(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char ca[256];

    write_config(fx,
                 "# cats-admin settings\n"
                 "\n"
                 "url = \"http://127.0.0.1:9000/v3\"\n"
                 "  connect_timeout=5\n"
                 "timeout = 120\r\n"
                 "events_interval = 300\n"
                 "escdelay = 0\n"
                 "workers = 4\n"
                 "prefetch_reserve = 20\n"
                 "ca_file = certs/ca.pem\n"
                 "journal = ~/journal.log\n",
                 0644);
    load_ok(&cfg);

    assert_string_equal(cfg.path, fx->config_path);
    assert_string_equal(cfg.url, "http://127.0.0.1:9000/v3");
    assert_int_equal(cfg.connect_timeout, 5);
    assert_int_equal(cfg.timeout, 120);
    assert_int_equal(cfg.events_interval, 300);
    assert_int_equal(cfg.escdelay, 0);
    assert_int_equal(cfg.workers, 4);
    assert_int_equal(cfg.prefetch_reserve, 20);
    snprintf(ca, sizeof ca, "%s/certs/ca.pem", fx->config_dir);
    assert_string_equal(cfg.ca_file, ca);
    assert_true(strncmp(cfg.journal_path, fx->home, strlen(fx->home)) == 0);
    assert_string_equal(cfg.journal_path + strlen(fx->home), "/journal.log");
    config_free(&cfg);
}

static void
test_environment_url_overrides_file(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;

    write_config(fx, "url = http://127.0.0.1:9000/v3\n", 0644);
    setenv("CATS_API_URL", "http://127.0.0.1:9999/v3", 1);
    load_ok(&cfg);
    assert_string_equal(cfg.url, "http://127.0.0.1:9999/v3");
    config_free(&cfg);
}

static void
test_inline_key_needs_private_file(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;

    write_config(fx, "api_key = file-key-456\n", 0644);
    load_fails_with(fx->config_path, "api_key", "line 1", "0644", "chmod 600", NULL);

    write_config(fx, "api_key = file-key-456\n", 0640);
    load_fails_with(fx->config_path, "chmod 600", NULL);

    write_config(fx, "api_key = file-key-456\n", 0600);
    load_ok(&cfg);
    assert_string_equal(cfg.api_key, "file-key-456");
    assert_non_null(strstr(cfg.key_origin, fx->config_path));
    assert_null(strstr(cfg.key_origin, "file-key-456"));
    config_free(&cfg);
}

static void
test_key_file_read_and_checked(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char key_path[256];

    snprintf(key_path, sizeof key_path, "%s/key", fx->config_dir);
    write_file(key_path, "  key-from-file-789 \r\nsecond line\n", 0600);

    write_config(fx, "api_key_file = key\n", 0644);
    load_fails_with(fx->config_path, "api_key_file", "chmod 600", NULL);

    write_config(fx, "api_key_file = key\n", 0600);
    load_ok(&cfg);
    assert_string_equal(cfg.api_key, "key-from-file-789");
    assert_non_null(strstr(cfg.key_origin, key_path));
    config_free(&cfg);

    write_file(key_path, "key-from-file-789\n", 0604);
    load_fails_with(key_path, "0604", "chmod 600", NULL);

    write_config(fx, "api_key_file = ~/missing-key\n", 0600);
    load_fails_with("missing-key", "No such file", NULL);
}

static void
test_key_command_first_line(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;

    write_config(fx, "api_key_command = printf 'cmd-key-1\\nignored\\n'; seq 1 100000\n", 0644);
    load_ok(&cfg);
    assert_string_equal(cfg.api_key, "cmd-key-1");
    assert_non_null(strstr(cfg.key_origin, "api_key_command"));
    config_free(&cfg);
}

static void
test_key_command_failures(void **state)
{
    struct fixture *fx = *state;

    write_config(fx, "api_key_command = echo partial; exit 3\n", 0600);
    load_fails_with("exited with status 3", "echo partial; exit 3", "line 1", NULL);

    write_config(fx, "api_key_command = true\n", 0600);
    load_fails_with("empty", NULL);

    write_config(fx, "api_key_command = echo 'has space'\n", 0600);
    load_fails_with("space", NULL);

    write_config(fx, "api_key_command = echo key\n", 0620);
    load_fails_with("writable by group or others", "chmod 600", NULL);
}

static void
test_environment_key_skips_command(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char content[512], marker[256];

    snprintf(marker, sizeof marker, "%s/command-ran", fx->home);
    snprintf(content, sizeof content, "api_key_command = touch %s; echo cmd-key\n", marker);
    write_config(fx, content, 0600);
    setenv("CATS_API_KEY", "env-key", 1);

    load_ok(&cfg);
    assert_string_equal(cfg.api_key, "env-key");
    assert_int_equal(access(marker, F_OK), -1);
    config_free(&cfg);

    unsetenv("CATS_API_KEY");
    load_ok(&cfg);
    assert_string_equal(cfg.api_key, "cmd-key");
    assert_int_equal(access(marker, F_OK), 0);
    config_free(&cfg);
}

static void
test_bad_lines_rejected(void **state)
{
    struct fixture *fx = *state;

    write_config(fx, "timeout = 120\nworkers = many\n", 0644);
    load_fails_with(fx->config_path, "line 2", "workers", "many", "1 to 8", NULL);

    write_config(fx, "timeout = 0\n", 0644);
    load_fails_with("line 1", "timeout", "1 to 3600", NULL);

    write_config(fx, "\n\ntimout = 5\n", 0644);
    load_fails_with("line 3", "unknown setting \"timout\"", "timeout", NULL);

    write_config(fx, "url = not a url\n", 0644);
    load_fails_with("line 1", "not a url", NULL);

    write_config(fx, "events_interval = 60s\n", 0644);
    load_fails_with("events_interval", "5 to 86400", NULL);
}

static void
test_line_without_equals_not_echoed(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    struct config_error err;

    write_config(fx, "api_key secret-value-that-must-not-show\n", 0600);
    assert_int_equal(config_load(&cfg, &err), -1);
    assert_non_null(strstr(err.message, "line 1"));
    assert_non_null(strstr(err.message, "name = value"));
    assert_null(strstr(err.message, "secret-value"));
}

static void
test_two_key_settings_rejected(void **state)
{
    struct fixture *fx = *state;

    write_config(fx, "api_key = abc\napi_key_command = echo def\n", 0600);
    load_fails_with("line 2", "api_key_command", "line 1", "keep only one", NULL);
}

static void
test_key_with_control_rejected(void **state)
{
    setenv("CATS_API_KEY", "abc\r\nX-Injected: 1", 1);
    load_fails_with("CATS_API_KEY", "control character", NULL);
}

static void
test_unreadable_config_named(void **state)
{
    struct fixture *fx = *state;

    assert_int_equal(mkdir(fx->config_path, 0700), 0);
    load_fails_with(fx->config_path, "Is a directory", NULL);
}

static void
test_explicit_missing_file(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    struct config_error err;
    char path[256];

    snprintf(path, sizeof path, "%s/nowhere.conf", fx->home);
    assert_int_equal(config_load_file(&cfg, path, false, &err), -1);
    assert_non_null(strstr(err.message, path));
    assert_int_equal(config_load_file(&cfg, path, true, &err), 0);
    assert_null(cfg.path);
    config_free(&cfg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults_without_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_path_follows_xdg, setup, teardown),
        cmocka_unit_test_setup_teardown(test_environment_key_and_url, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_parsed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_environment_url_overrides_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inline_key_needs_private_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_file_read_and_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_command_first_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_command_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_environment_key_skips_command, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_lines_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_without_equals_not_echoed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_key_settings_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_key_with_control_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_config_named, setup, teardown),
        cmocka_unit_test_setup_teardown(test_explicit_missing_file, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
