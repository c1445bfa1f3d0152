/* ratelimit.c: rolling-window rate limit over a ring of request times. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ratelimit.h"
#include "util.h"

void
ratelimit_init(struct ratelimit *rl, long limit, long seconds)
{
    pthread_mutex_init(&rl->lock, NULL);
    rl->times = NULL;
    ratelimit_reset(rl, limit, seconds);
}

void
ratelimit_destroy(struct ratelimit *rl)
{
    free(rl->times);
    pthread_mutex_destroy(&rl->lock);
}

void
ratelimit_reset(struct ratelimit *rl, long limit, long seconds)
{
    pthread_mutex_lock(&rl->lock);
    free(rl->times);
    rl->limit = limit;
    rl->seconds = seconds;
    rl->times = util_xcalloc((size_t)limit, sizeof(double));
    rl->head = 0;
    rl->count = 0;
    pthread_mutex_unlock(&rl->lock);
}

/* Drops the requests that have left the window.  Caller holds the lock. */
static void
expire(struct ratelimit *rl, double now)
{
    while (rl->count > 0 && rl->times[rl->head] <= now - (double)rl->seconds) {
        rl->head = (rl->head + 1) % rl->limit;
        rl->count--;
    }
}

bool
ratelimit_take(struct ratelimit *rl, double now, long *limit, long *remaining, long *retry_after)
{
    bool allowed;

    pthread_mutex_lock(&rl->lock);
    expire(rl, now);
    allowed = rl->count < rl->limit;
    if (allowed) {
        rl->times[(rl->head + rl->count) % rl->limit] = now;
        rl->count++;
    } else {
        double wait = rl->times[rl->head] + (double)rl->seconds - now;

        *retry_after = (long)ceil(wait);
        if (*retry_after < 1)
            *retry_after = 1;
    }
    *limit = rl->limit;
    *remaining = rl->limit - rl->count;
    pthread_mutex_unlock(&rl->lock);
    return allowed;
}

void
ratelimit_peek(struct ratelimit *rl, double now, long *limit, long *seconds, long *remaining)
{
    pthread_mutex_lock(&rl->lock);
    expire(rl, now);
    *limit = rl->limit;
    *seconds = rl->seconds;
    *remaining = rl->limit - rl->count;
    pthread_mutex_unlock(&rl->lock);
}

bool
ratelimit_parse(const char *text, long *limit, long *seconds)
{
    char extra;

    if (sscanf(text, "%ld/%ld%c", limit, seconds, &extra) != 2)
        return false;
    return *limit > 0 && *limit <= RATELIMIT_MAX && *seconds > 0;
}
