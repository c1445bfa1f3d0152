/* webhook.h: delivers webhook events off the request path.  A worker thread
 * POSTs each payload with libcurl, signed as CATS signs them
 * (X-Signature: "HMAC-SHA256 " + hex HMAC-SHA256 of body + X-Request-Id,
 * keyed by the webhook's secret), and only ever to a loopback address:
 * targets elsewhere are logged and skipped.  Redirects are not followed. */
#ifndef SANDBOX_WEBHOOK_H
#define SANDBOX_WEBHOOK_H

#include <json-c/json.h>
#include <stdbool.h>

struct app;
struct webhooks;

/* Starts the delivery thread.  Returns NULL with a message on failure. */
struct webhooks *webhooks_start(struct app *app);

/* Drops what is still queued, stops the thread and frees everything. */
void webhooks_stop(struct webhooks *hooks);

/* Queues a delivery of `event` to every webhook subscribed to it.  record
 * is the affected record's JSON (borrowed; may be NULL for deletions).
 * Caller holds the store lock (read or write). */
void webhooks_fire(struct app *app, const char *event, const char *kind, long id,
                   json_object *record);

/* True when url is http(s) to 127.0.0.0/8, ::1 or localhost. */
bool webhooks_is_loopback_url(const char *url);

/* Computes the X-Signature value for body + request_id with secret into
 * out (at least 80 bytes).  Returns false when the crypto library fails. */
bool webhooks_sign(const char *secret, const char *body, const char *request_id, char *out,
                   size_t out_size);

/* The index of an event name in webhook_event_names, or -1. */
int webhooks_event_index(const char *name);

#endif
