/* main.c: cats-sandbox's entry point: parses the flags, listens on
 * loopback, seeds the data, prints the base URL and serves until SIGTERM
 * or SIGINT, then shuts down cleanly. */
#include "config.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "options.h"
#include "server.h"
#include "webhook.h"

/* Opens a listening socket on 127.0.0.1:port and stores the port it got.
 * Returns the socket, or -1 after printing an error that names the port. */
static int
listen_loopback(long port, long *bound_port)
{
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    socklen_t len = sizeof address;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0) {
        fprintf(stderr, "cats-sandbox: cannot create a socket: %s\n", strerror(errno));
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, 128) != 0) {
        fprintf(stderr, "cats-sandbox: cannot listen on 127.0.0.1:%ld: %s%s\n", port, strerror(errno),
                errno == EADDRINUSE ? "; choose another --port, or --port 0 for a free one" : "");
        close(fd);
        return -1;
    }
    getsockname(fd, (struct sockaddr *)&address, &len);
    *bound_port = ntohs(address.sin_port);
    return fd;
}

static void
generate_key(char *key, size_t size)
{
    char uuid[40];
    size_t len = 0;

    util_uuid(uuid);
    for (const char *p = uuid; *p && len + 1 < size; p++)
        if (*p != '-')
            key[len++] = *p;
    key[len] = '\0';
}

static int64_t
start_of_today(void)
{
    int64_t now = util_now();

    return now - now % 86400;
}

static void
seed_data(struct app *app, const struct options *options)
{
    double started = util_now_seconds();

    store_init(&app->store, options->seed, options->epoch ? options->epoch : start_of_today());
    seed_store(&app->store, options->sizes);
    fprintf(stderr, "cats-sandbox: seeded %zu tasks, %zu activities, %zu users, %zu candidates "
                    "(seed %llu) in %.0f ms\n",
            app->store.tasks.count, app->store.activities.count, app->store.users.count,
            app->store.candidates.count, (unsigned long long)options->seed,
            (util_now_seconds() - started) * 1000.0);
}

static void
announce(const struct app *app, bool key_generated)
{
    printf("%s\n", app->base_url);
    if (key_generated)
        printf("key: %s\n", app->key);
    fflush(stdout);
}

/* Blocks SIGINT and SIGTERM in every thread so main can wait for them. */
static void
block_signals(sigset_t *signals)
{
    sigemptyset(signals);
    sigaddset(signals, SIGINT);
    sigaddset(signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, signals, NULL);
    signal(SIGPIPE, SIG_IGN);
}

static void
shutdown_app(struct app *app, struct MHD_Daemon *daemon)
{
    atomic_store(&app->stopping, true);
    if (daemon)
        MHD_stop_daemon(daemon);
    webhooks_stop(app->webhooks);
    store_free(&app->store);
    settings_destroy(&app->settings);
    ratelimit_destroy(&app->ratelimit);
}

/* Fills app from the options and seeds the data; port is the bound port. */
static void
setup_app(struct app *app, const struct options *options, long port)
{
    if (options->key[0])
        snprintf(app->key, sizeof app->key, "%s", options->key);
    else
        generate_key(app->key, sizeof app->key);
    snprintf(app->root_url, sizeof app->root_url, "http://127.0.0.1:%ld", port);
    snprintf(app->base_url, sizeof app->base_url, "%s/v3", app->root_url);
    app->backup_seconds = options->backup_seconds;
    settings_init(&app->settings, &options->faults, options->quirks, (unsigned long)options->seed);
    ratelimit_init(&app->ratelimit, options->rate_limit, options->rate_seconds);
    seed_data(app, options);
}

int
main(int argc, char **argv)
{
    static struct app app;
    struct options options;
    struct MHD_Daemon *daemon = NULL;
    sigset_t signals;
    long port = 0;
    int fd, received = 0;

    switch (options_parse(argc, argv, &options)) {
    case OPTIONS_EXIT:
        return 0;
    case OPTIONS_INVALID:
        return 2;
    case OPTIONS_RUN:
        break;
    }

    fd = listen_loopback(options.port, &port);
    if (fd < 0)
        return 1;
    block_signals(&signals);
    curl_global_init(CURL_GLOBAL_DEFAULT);

    setup_app(&app, &options, port);

    app.webhooks = webhooks_start(&app);
    daemon = app.webhooks ? server_start(&app, fd) : NULL;
    if (daemon == NULL) {
        close(fd);
        shutdown_app(&app, NULL);
        curl_global_cleanup();
        return 1;
    }
    announce(&app, options.key[0] == '\0');
    fprintf(stderr, "cats-sandbox: serving %s\n", app.base_url);

    sigwait(&signals, &received);
    fprintf(stderr, "cats-sandbox: stopping on %s\n", received == SIGINT ? "SIGINT" : "SIGTERM");
    shutdown_app(&app, daemon);
    close(fd);
    curl_global_cleanup();
    return 0;
}
