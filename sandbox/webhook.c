/* webhook.c: the webhook delivery queue and its libcurl worker thread. */
#include "config.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "jsonutil.h"
#include "server.h"
#include "webhook.h"

#define DELIVERY_TIMEOUT_MS 5000L

struct delivery {
    struct delivery *next;
    long webhook_id;
    const char *event;      /* static storage */
    char *url;
    char *secret;
    char *body;
};

struct webhooks {
    struct app *app;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct delivery *head, *tail;
    bool stop;
};

int
webhooks_event_index(const char *name)
{
    for (size_t i = 0; i < webhook_event_count; i++)
        if (strcmp(webhook_event_names[i], name) == 0)
            return (int)i;
    return -1;
}

static bool
is_loopback_host(const char *host)
{
    struct in_addr v4;
    char bare[64];
    size_t len = strlen(host);

    if (strcasecmp(host, "localhost") == 0)
        return true;
    if (inet_pton(AF_INET, host, &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    if (len >= 2 && len < sizeof bare && host[0] == '[' && host[len - 1] == ']') {
        memcpy(bare, host + 1, len - 2);
        bare[len - 2] = '\0';
        host = bare;
    }
    struct in6_addr v6;

    return inet_pton(AF_INET6, host, &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool
webhooks_is_loopback_url(const char *url)
{
    CURLU *parsed = curl_url();
    char *scheme = NULL, *host = NULL;
    bool ok = false;

    if (parsed && curl_url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK
        && curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK
        && curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK)
        ok = (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) && is_loopback_host(host);
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(parsed);
    return ok;
}

bool
webhooks_sign(const char *secret, const char *body, const char *request_id, char *out, size_t out_size)
{
    size_t body_len = strlen(body), id_len = strlen(request_id);
    unsigned char *message = util_xmalloc(body_len + id_len + 1);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    size_t used;

    memcpy(message, body, body_len);
    memcpy(message + body_len, request_id, id_len);
    if (HMAC(EVP_sha256(), secret, (int)strlen(secret), message, body_len + id_len, digest, &digest_len) == NULL) {
        free(message);
        return false;
    }
    free(message);

    used = (size_t)snprintf(out, out_size, "HMAC-SHA256 ");
    for (unsigned int i = 0; i < digest_len && used + 3 <= out_size; i++)
        used += (size_t)snprintf(out + used, out_size - used, "%02x", digest[i]);
    return true;
}

static void
log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
log_line(const char *fmt, ...)
{
    char text[1024];
    va_list args;

    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    fprintf(stderr, "cats-sandbox: %s\n", text);
}

/* The payload CATS sends: event, <kind>_id, date, _links and _embedded. */
static char *
make_payload(const struct render_ctx *ctx, const char *event, const char *kind, long id,
             json_object *record)
{
    json_object *obj = json_object_new_object();
    json_object *links = json_object_new_object();
    char key[64];
    char *text;

    snprintf(key, sizeof key, "%s_id", kind);
    jsonu_add_string(obj, "event", event);
    jsonu_add_int(obj, key, id);
    jsonu_add_time(obj, "date", util_now(), 0);
    if (render_kind_path(kind))
        render_link(ctx, links, kind, "%s/%ld", render_kind_path(kind), id);
    json_object_object_add(obj, "_links", links);
    json_object *embedded = jsonu_add_object(obj, "_embedded");
    if (record) {
        json_object *copy = NULL;

        json_object_deep_copy(record, &copy, NULL);
        json_object_object_add(embedded, kind, copy);
    }
    text = util_xstrdup(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN
                                                              | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(obj);
    return text;
}

static void
enqueue(struct webhooks *hooks, struct delivery *delivery)
{
    pthread_mutex_lock(&hooks->lock);
    if (hooks->tail)
        hooks->tail->next = delivery;
    else
        hooks->head = delivery;
    hooks->tail = delivery;
    pthread_cond_signal(&hooks->wake);
    pthread_mutex_unlock(&hooks->lock);
}

void
webhooks_fire(struct app *app, const char *event, const char *kind, long id, json_object *record)
{
    int index = webhooks_event_index(event);
    struct table *table = &app->store.webhooks;
    struct render_ctx ctx = { .store = &app->store, .root_url = app->root_url };
    char *body = NULL;

    if (index < 0 || app->webhooks == NULL)
        return;
    for (size_t i = 0; i < table->count; i++) {
        const struct webhook *webhook = table_at(table, i);

        if (!(webhook->events & (1u << index)))
            continue;
        if (!webhooks_is_loopback_url(webhook->target_url)) {
            log_line("webhook %ld %s not delivered: %s is not a loopback address, and the sandbox "
                     "only calls 127.0.0.0/8, ::1 and localhost", webhook->id, event, webhook->target_url);
            continue;
        }
        if (body == NULL)
            body = make_payload(&ctx, event, kind, id, record);

        struct delivery *delivery = util_xcalloc(1, sizeof *delivery);

        delivery->webhook_id = webhook->id;
        delivery->event = webhook_event_names[index];
        delivery->url = util_xstrdup(webhook->target_url);
        delivery->secret = util_strdup_or_null(webhook->secret);
        delivery->body = util_xstrdup(body);
        enqueue(app->webhooks, delivery);
    }
    free(body);
}

/* Refuses any connection that is not to a loopback address, whatever the
 * name resolved to. */
static curl_socket_t
open_loopback_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *address)
{
    bool loopback = false;

    if (address->family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)&address->addr;

        loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    } else if (address->family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&address->addr;

        loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
    }
    if (!loopback)
        return CURL_SOCKET_BAD;
    return socket(address->family, address->socktype, address->protocol);
}

static size_t
discard_body(char *data, size_t size, size_t count, void *userdata)
{
    return size * count;
}

static struct curl_slist *
delivery_headers(const struct delivery *delivery, const char *request_id)
{
    struct curl_slist *headers = NULL;
    char line[256], signature[160];

    headers = curl_slist_append(headers, "Content-Type: application/json");
    snprintf(line, sizeof line, "X-Request-Id: %s", request_id);
    headers = curl_slist_append(headers, line);
    if (delivery->secret && webhooks_sign(delivery->secret, delivery->body, request_id, signature, sizeof signature)) {
        snprintf(line, sizeof line, "X-Signature: %s", signature);
        headers = curl_slist_append(headers, line);
    }
    return headers;
}

/* POSTs one delivery.  Returns the HTTP status, or 0 when none came back. */
static long
post_delivery(const struct delivery *delivery, char *error, size_t error_size)
{
    CURL *curl = curl_easy_init();
    char request_id[40], curl_error[CURL_ERROR_SIZE] = "";
    struct curl_slist *headers;
    long status = 0;

    if (curl == NULL) {
        snprintf(error, error_size, "libcurl could not create a handle");
        return 0;
    }
    util_uuid(request_id);
    headers = delivery_headers(delivery, request_id);
    curl_easy_setopt(curl, CURLOPT_URL, delivery->url);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, delivery->body);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "cats-sandbox webhooks");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_PROXY, "");
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_loopback_socket);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, DELIVERY_TIMEOUT_MS);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);

    CURLcode code = curl_easy_perform(curl);

    if (code == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    else
        snprintf(error, error_size, "%s", curl_error[0] ? curl_error : curl_easy_strerror(code));
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return status;
}

/* Deletes a webhook whose target responded 410 Gone, as CATS does. */
static void
remove_gone_webhook(struct app *app, long id)
{
    pthread_rwlock_wrlock(&app->store.lock);
    if (table_remove(&app->store.webhooks, id, store_free_webhook) == 0)
        store_add_event(&app->store, "webhook.deleted", "webhook", id);
    pthread_rwlock_unlock(&app->store.lock);
}

/* NOTE: unlike CATS, failed deliveries are neither retried nor counted
 * towards disabling the webhook after 50 failures. */
static void
deliver(struct webhooks *hooks, struct delivery *delivery)
{
    char error[CURL_ERROR_SIZE + 64] = "";
    long status = post_delivery(delivery, error, sizeof error);

    if (status == 0) {
        log_line("webhook %ld %s delivery to %s failed: %s", delivery->webhook_id, delivery->event,
                 delivery->url, error);
    } else if (status == 410) {
        log_line("webhook %ld %s: %s responded 410 Gone, so the webhook is deleted",
                 delivery->webhook_id, delivery->event, delivery->url);
        remove_gone_webhook(hooks->app, delivery->webhook_id);
    } else {
        log_line("webhook %ld %s delivered to %s: %ld", delivery->webhook_id, delivery->event,
                 delivery->url, status);
    }
}

static void
free_delivery(struct delivery *delivery)
{
    free(delivery->url);
    free(delivery->secret);
    free(delivery->body);
    free(delivery);
}

static void *
run_worker(void *arg)
{
    struct webhooks *hooks = arg;

    pthread_mutex_lock(&hooks->lock);
    while (!hooks->stop) {
        struct delivery *delivery = hooks->head;

        if (delivery == NULL) {
            pthread_cond_wait(&hooks->wake, &hooks->lock);
            continue;
        }
        hooks->head = delivery->next;
        if (hooks->head == NULL)
            hooks->tail = NULL;
        pthread_mutex_unlock(&hooks->lock);
        deliver(hooks, delivery);
        free_delivery(delivery);
        pthread_mutex_lock(&hooks->lock);
    }
    pthread_mutex_unlock(&hooks->lock);
    return NULL;
}

struct webhooks *
webhooks_start(struct app *app)
{
    struct webhooks *hooks = util_xcalloc(1, sizeof *hooks);

    hooks->app = app;
    pthread_mutex_init(&hooks->lock, NULL);
    pthread_cond_init(&hooks->wake, NULL);
    if (pthread_create(&hooks->thread, NULL, run_worker, hooks) != 0) {
        fprintf(stderr, "cats-sandbox: cannot start the webhook delivery thread\n");
        pthread_mutex_destroy(&hooks->lock);
        pthread_cond_destroy(&hooks->wake);
        free(hooks);
        return NULL;
    }
    return hooks;
}

void
webhooks_stop(struct webhooks *hooks)
{
    if (hooks == NULL)
        return;
    pthread_mutex_lock(&hooks->lock);
    hooks->stop = true;
    pthread_cond_signal(&hooks->wake);
    pthread_mutex_unlock(&hooks->lock);
    pthread_join(hooks->thread, NULL);

    while (hooks->head) {
        struct delivery *next = hooks->head->next;

        free_delivery(hooks->head);
        hooks->head = next;
    }
    pthread_mutex_destroy(&hooks->lock);
    pthread_cond_destroy(&hooks->wake);
    free(hooks);
}
