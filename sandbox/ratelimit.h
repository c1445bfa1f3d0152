/* ratelimit.h: a rolling-window request limit, like CATS's 500 requests per
 * hour per key.  The window remembers the time of each counted request, so
 * a request is allowed when fewer than `limit` fall in the last `seconds`. */
#ifndef SANDBOX_RATELIMIT_H
#define SANDBOX_RATELIMIT_H

#include <pthread.h>
#include <stdbool.h>

/* The largest limit accepted: the window keeps one timestamp per request. */
#define RATELIMIT_MAX 1000000L

struct ratelimit {
    pthread_mutex_t lock;
    long limit;
    long seconds;
    double *times;          /* ring of request times, capacity `limit` */
    long head;              /* index of the oldest */
    long count;
};

void ratelimit_init(struct ratelimit *rl, long limit, long seconds);
void ratelimit_destroy(struct ratelimit *rl);

/* Changes the limit and window and clears the requests counted so far. */
void ratelimit_reset(struct ratelimit *rl, long limit, long seconds);

/* Counts a request made at `now` (seconds).  Returns true when allowed.
 * Sets *remaining to what is left afterwards, and on refusal *retry_after
 * to the whole seconds until the oldest counted request leaves the window. */
bool ratelimit_take(struct ratelimit *rl, double now, long *limit, long *remaining, long *retry_after);

/* The limit, window and what remains now, without counting a request. */
void ratelimit_peek(struct ratelimit *rl, double now, long *limit, long *seconds, long *remaining);

/* Parses "COUNT/SECONDS" (both positive, COUNT at most RATELIMIT_MAX). */
bool ratelimit_parse(const char *text, long *limit, long *seconds);

#endif
