/* common.c: the shared group sandbox of the sandbox tests. */
#include "config.h"

#include <curl/curl.h>
#include <time.h>

#include "common.h"

struct sandbox group_sandbox;

int
start_group_sandbox(const char *const *extra)
{
    const char *args[64] = { SMALL_SIZES };
    size_t n = 0;

    while (args[n])
        n++;
    for (; extra && *extra && n < 62; extra++)
        args[n++] = *extra;
    args[n] = NULL;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return sandbox_start(&group_sandbox, args);
}

int
wait_log_lines(const struct sandbox *sb, const char *const *needles, int expected)
{
    int count = sandbox_count_log_lines(sb, needles);

    for (int waited = 0; count < expected && waited < 2000; waited += 20) {
        nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
        count = sandbox_count_log_lines(sb, needles);
    }
    return count;
}

int
stop_group_sandbox(void **state)
{
    sandbox_stop(&group_sandbox);
    curl_global_cleanup();
    return 0;
}
