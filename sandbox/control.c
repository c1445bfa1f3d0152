/* control.c: the /_sandbox/ endpoints that change the sandbox while it
 * runs (faults, quirks, the rate limit) and serve backup downloads.  They
 * need no key: the sandbox listens on loopback only. */
#include "config.h"

#include <stdio.h>

#include "handlers.h"
#include "jsonutil.h"

static void
get_faults(struct request *req, struct response *resp)
{
    resp_json(resp, 200, settings_faults_json(&req->app->settings));
}

static void
put_faults(struct request *req, struct response *resp)
{
    json_object *body = req_json_body(req, resp, true);
    char err[256];

    if (body == NULL)
        return;
    if (settings_apply_faults(&req->app->settings, body, err, sizeof err) != 0)
        resp_message(resp, 400, "%s.", err);
    else
        get_faults(req, resp);
    json_object_put(body);
}

static void
get_quirks(struct request *req, struct response *resp)
{
    resp_json(resp, 200, settings_quirks_json(&req->app->settings));
}

static void
put_quirks(struct request *req, struct response *resp)
{
    json_object *body = req_json_body(req, resp, true);
    char err[256];

    if (body == NULL)
        return;
    if (settings_apply_quirks(&req->app->settings, body, err, sizeof err) != 0)
        resp_message(resp, 400, "%s.", err);
    else
        get_quirks(req, resp);
    json_object_put(body);
}

static void
get_rate_limit(struct request *req, struct response *resp)
{
    long limit, seconds, remaining;
    json_object *obj = json_object_new_object();

    ratelimit_peek(&req->app->ratelimit, util_now_seconds(), &limit, &seconds, &remaining);
    jsonu_add_int(obj, "limit", limit);
    jsonu_add_int(obj, "seconds", seconds);
    jsonu_add_int(obj, "remaining", remaining);
    resp_json(resp, 200, obj);
}

/* Sets {"limit": N, "seconds": S} (either may be left out) and empties the
 * window, so a test starts from a known budget. */
static void
put_rate_limit(struct request *req, struct response *resp)
{
    json_object *body = req_json_body(req, resp, false);
    long limit, seconds, remaining;

    if (body == NULL)
        return;
    ratelimit_peek(&req->app->ratelimit, util_now_seconds(), &limit, &seconds, &remaining);
    limit = jsonu_long(body, "limit", limit);
    seconds = jsonu_long(body, "seconds", seconds);
    json_object_put(body);
    if (limit < 1 || limit > RATELIMIT_MAX || seconds < 1) {
        resp_message(resp, 400, "limit must be from 1 to %ld and seconds at least 1.", RATELIMIT_MAX);
        return;
    }
    ratelimit_reset(&req->app->ratelimit, limit, seconds);
    get_rate_limit(req, resp);
}

static const struct route control_routes[] = {
    { "GET", "/_sandbox/faults", get_faults, NULL },
    { "PUT", "/_sandbox/faults", put_faults, NULL },
    { "GET", "/_sandbox/quirks", get_quirks, NULL },
    { "PUT", "/_sandbox/quirks", put_quirks, NULL },
    { "GET", "/_sandbox/rate-limit", get_rate_limit, NULL },
    { "PUT", "/_sandbox/rate-limit", put_rate_limit, NULL },
    { "GET", "/_sandbox/backups/{id}/download", handle_backup_download, NULL },
};

void
control_dispatch(struct request *req, struct response *resp)
{
    routes_run(control_routes, sizeof control_routes / sizeof control_routes[0], req->path, req, resp);
}
