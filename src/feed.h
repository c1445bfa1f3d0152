/* feed.h: the Events view, a live feed of what changed in the account.
 *
 * The feed first requests GET /events for the last day's events, then polls
 * the _links.next each response gives (it continues after the last event's
 * id).  It polls again at once while pages come back full (25 events), and
 * otherwise every events_interval seconds, more slowly when the
 * rate-limit budget runs low.  It polls only while it is
 * the screen on view, so an idle console elsewhere sends nothing. */
#ifndef CATS_FEED_H
#define CATS_FEED_H

#include <stdbool.h>

struct app;
struct screen;
struct fetch_result;
struct view_def;

/* Creates the feed screen of view (the Events tab).  It keeps every event
 * it receives while the program runs, since a model feed never evicts. */
struct screen *feed_screen_new(struct app *app, const struct view_def *view);

/* Whether s is the feed screen. */
bool feed_is_feed(const struct screen *s);

/* Appends the events of a result to the feed (it takes its own reference
 * to the rows); a result for an older poll is ignored. */
void feed_take_result(struct screen *s, struct app *app, struct fetch_result *result);

/* Milliseconds until the feed wants to poll, or -1 when it does not. */
int feed_next_poll_ms(struct screen *s);

#endif
