/* webhook_test.c: webhook creation and delivery.  A receiver on 127.0.0.1
 * (libmicrohttpd) records what the sandbox POSTs, and the test checks the
 * X-Signature with its own HMAC-SHA256 from libcrypto. */
#include "config.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"

#define SB (&group_sandbox)
#define SECRET "s3cret-ключ"

struct delivery {
    char body[65536];
    size_t len;
    char request_id[64];
    char signature[160];
    char path[128];
};

struct receiver {
    struct MHD_Daemon *daemon;
    pthread_mutex_t lock;
    struct delivery deliveries[8];
    int count;
    unsigned reply_status;
    char url[128];
};

static struct receiver receiver;

static enum MHD_Result
on_delivery(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
            const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    struct delivery *pending = *con_cls;

    if (pending == NULL) {
        pending = calloc(1, sizeof *pending);
        *con_cls = pending;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t room = sizeof pending->body - 1 - pending->len;
        size_t take = *upload_data_size < room ? *upload_data_size : room;

        memcpy(pending->body + pending->len, upload_data, take);
        pending->len += take;
        *upload_data_size = 0;
        return MHD_YES;
    }

    const char *id = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Request-Id");
    const char *signature = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "X-Signature");

    snprintf(pending->request_id, sizeof pending->request_id, "%s", id ? id : "");
    snprintf(pending->signature, sizeof pending->signature, "%s", signature ? signature : "");
    snprintf(pending->path, sizeof pending->path, "%s", url);
    pthread_mutex_lock(&receiver.lock);
    if (receiver.count < 8)
        receiver.deliveries[receiver.count++] = *pending;
    pthread_mutex_unlock(&receiver.lock);
    free(pending);
    *con_cls = NULL;

    struct MHD_Response *response = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result result = MHD_queue_response(connection, receiver.reply_status, response);

    MHD_destroy_response(response);
    return result;
}

static int
setup(void **state)
{
    struct sockaddr_in address = { .sin_family = AF_INET };
    const union MHD_DaemonInfo *info;

    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    pthread_mutex_init(&receiver.lock, NULL);
    receiver.reply_status = 200;
    receiver.daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0,
                                       NULL, NULL, on_delivery, NULL,
                                       MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address, MHD_OPTION_END);
    if (receiver.daemon == NULL)
        return -1;
    info = MHD_get_daemon_info(receiver.daemon, MHD_DAEMON_INFO_BIND_PORT);
    snprintf(receiver.url, sizeof receiver.url, "http://127.0.0.1:%u/hook", (unsigned)info->port);
    return start_group_sandbox(NULL);
}

static int
teardown(void **state)
{
    MHD_stop_daemon(receiver.daemon);
    pthread_mutex_destroy(&receiver.lock);
    return stop_group_sandbox(state);
}

/* Waits up to five seconds for the receiver to hold `count` deliveries. */
static bool
wait_for_deliveries(int count)
{
    for (int waited = 0; waited < 5000; waited += 20) {
        pthread_mutex_lock(&receiver.lock);
        int have = receiver.count;
        pthread_mutex_unlock(&receiver.lock);

        if (have >= count)
            return true;
        nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
    }
    return false;
}

static long
create_webhook(const char *events, const char *url, const char *secret)
{
    char body[1024];
    struct http_reply r;
    long id;

    snprintf(body, sizeof body, "{\"events\":%s,\"target_url\":\"%s\"%s%s%s}", events, url,
             secret ? ",\"secret\":\"" : "", secret ? secret : "", secret ? "\"" : "");
    http_api(SB, "POST", "/webhooks", body, &r);
    assert_status(&r, 201);
    id = location_id(&r);
    assert_true(id > 0);
    http_reply_free(&r);
    return id;
}

static void
expected_signature(const struct delivery *delivery, char *out, size_t size)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    char message[70000];
    size_t used;

    memcpy(message, delivery->body, delivery->len);
    memcpy(message + delivery->len, delivery->request_id, strlen(delivery->request_id));
    HMAC(EVP_sha256(), SECRET, (int)strlen(SECRET), (unsigned char *)message,
         delivery->len + strlen(delivery->request_id), digest, &digest_len);
    used = (size_t)snprintf(out, size, "HMAC-SHA256 ");
    for (unsigned int i = 0; i < digest_len; i++)
        used += (size_t)snprintf(out + used, size - used, "%02x", digest[i]);
}

static void
test_delivery_is_signed(void **state)
{
    struct http_reply r;
    char expected[160];
    long id = create_webhook("[\"activity.updated\"]", receiver.url, SECRET);

    http_api(SB, "PUT", "/activities/2000003", "{\"type\":\"email\",\"notes\":\"webhook test\"}", &r);
    assert_status(&r, 204);
    http_reply_free(&r);
    assert_true(wait_for_deliveries(1));

    struct delivery *delivery = &receiver.deliveries[0];
    json_object *payload = json_tokener_parse(delivery->body);

    assert_string_equal(delivery->path, "/hook");
    assert_int_equal(strlen(delivery->request_id), 36);
    expected_signature(delivery, expected, sizeof expected);
    assert_string_equal(delivery->signature, expected);
    assert_string_equal(json_str(payload, "event"), "activity.updated");
    assert_int_equal(json_long(payload, "activity_id"), 2000003);
    assert_string_equal(json_str(payload, "_links.activity.href"), "/activities/2000003");
    assert_string_equal(json_str(payload, "_embedded.activity.notes"), "webhook test");
    json_object_put(payload);

    char path[64];
    snprintf(path, sizeof path, "/webhooks/%ld", id);
    http_api(SB, "DELETE", path, NULL, &r);
    assert_status(&r, 204);
    http_reply_free(&r);
}

static void
test_unsubscribed_event_not_sent(void **state)
{
    struct http_reply r;
    int before = receiver.count;

    create_webhook("[\"candidate.deleted\"]", receiver.url, SECRET);
    http_api(SB, "PUT", "/activities/2000004", "{\"type\":\"other\"}", &r);
    assert_status(&r, 204);
    http_reply_free(&r);
    assert_false(wait_for_deliveries(before + 1));
}

static void
test_gone_target_deletes_webhook(void **state)
{
    struct http_reply r;
    char path[64];
    int before = receiver.count;
    long id;

    receiver.reply_status = 410;
    id = create_webhook("[\"activity.deleted\"]", receiver.url, NULL);
    http_api(SB, "DELETE", "/activities/2000005", NULL, &r);
    assert_status(&r, 204);
    http_reply_free(&r);
    assert_true(wait_for_deliveries(before + 1));
    assert_string_equal(receiver.deliveries[before].signature, "");

    snprintf(path, sizeof path, "/webhooks/%ld", id);
    for (int i = 0; i < 100; i++) {
        http_api(SB, "GET", path, NULL, &r);
        long status = r.status;
        http_reply_free(&r);
        if (status == 404)
            break;
        nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
    }
    http_api(SB, "GET", path, NULL, &r);
    assert_status(&r, 404);
    http_reply_free(&r);
    receiver.reply_status = 200;
}

static void
test_other_hosts_never_called(void **state)
{
    struct http_reply r;
    const char *needles[] = { "not delivered: https://hooks.example.org/x is not a loopback address", NULL };

    create_webhook("[\"job.updated\"]", "https://hooks.example.org/x", "k");
    http_api(SB, "PUT", "/portals/11/jobs/500001", "{}", &r);
    assert_status(&r, 204);
    http_reply_free(&r);
    assert_true(wait_log_lines(SB, needles, 1) >= 1);
}

static void
test_webhook_validation(void **state)
{
    const char *bodies[][2] = {
        { "{\"target_url\":\"http://127.0.0.1/x\"}", "events" },
        { "{\"events\":[],\"target_url\":\"http://127.0.0.1/x\"}", "events" },
        { "{\"events\":[\"task.created\"],\"target_url\":\"http://127.0.0.1/x\"}", "events[0]" },
        { "{\"events\":[\"job.created\"]}", "target_url" },
        { "{\"events\":[\"job.created\"],\"target_url\":\"ftp://127.0.0.1/x\"}", "target_url" },
        { "{\"events\":[\"job.created\"],\"target_url\":\"http://127.0.0.1/x\",\"secret\":5}", "secret" },
    };

    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        struct http_reply r;

        http_api(SB, "POST", "/webhooks", bodies[i][0], &r);
        assert_status(&r, 400);
        if (strstr(json_str(r.json, "message"), bodies[i][1]) == NULL)
            fail_msg("'%s' does not name %s", json_str(r.json, "message"), bodies[i][1]);
        http_reply_free(&r);
    }
}

static void
test_webhook_listed(void **state)
{
    struct http_reply r;
    long id = create_webhook("[\"candidate.created\",\"pipeline.created\"]", receiver.url, "x");
    char path[64];

    snprintf(path, sizeof path, "/webhooks/%ld", id);
    http_api(SB, "GET", path, NULL, &r);
    assert_status(&r, 200);
    assert_string_equal(json_str(r.json, "target_url"), receiver.url);
    assert_string_equal(json_str(r.json, "events.1"), "pipeline.created");
    assert_null(json_at(r.json, "secret"));
    http_reply_free(&r);

    http_api(SB, "DELETE", "/webhooks/999999", NULL, &r);
    assert_status(&r, 404);
    http_reply_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delivery_is_signed),
        cmocka_unit_test(test_unsubscribed_event_not_sent),
        cmocka_unit_test(test_gone_target_deletes_webhook),
        cmocka_unit_test(test_other_hosts_never_called),
        cmocka_unit_test(test_webhook_validation),
        cmocka_unit_test(test_webhook_listed),
    };

    return cmocka_run_group_tests_name("sandbox webhooks", tests, setup, teardown);
}
