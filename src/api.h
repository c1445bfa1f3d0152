/* api.h: the CATS REST API v3 client: one typed function per operation,
 * over libcurl and json-c, with errors returned as values.
 *
 * Two objects:
 *
 * - struct api_session contains what every request shares: the base URL, the
 *   API key, timeouts, the response size cap, the trace file and the
 *   rate-limit state.  Create it once, before any thread starts, and free it
 *   after every client is freed.  Its getters (api_session_rate_limit(),
 *   api_session_base_url()) may be called from any thread at any time.
 *
 * - struct api_client is one thread's handle.  It owns a libcurl easy handle
 *   that it reuses, so requests to the same host share one connection.  A
 *   client is never used by two threads at once; each fetcher thread makes
 *   its own with api_client_new().
 *
 * Every operation returns 0 on success and -1 on failure, and fills the
 * struct api_error the caller passes (which may not be NULL).  On success
 * err->kind is API_OK.
 *
 * Records are json-c objects that keep every field the server sent, known
 * or not.  A function that hands out a struct json_object * hands the caller
 * one reference: release it with json_object_put().  Strings read through
 * the helpers below are borrowed from their object and live as long as it.
 * Nothing here sanitizes server text for display: that is src/text.h's job.
 */
#ifndef CATS_API_H
#define CATS_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json_object;

/* ---- errors --------------------------------------------------------- */

enum api_error_kind {
    API_OK = 0,
    API_ERR_NETWORK,           /* connection refused, reset, DNS failure, ... */
    API_ERR_TIMEOUT,           /* connect or total timeout expired */
    API_ERR_TLS,               /* handshake or certificate verification failed */
    API_ERR_AUTH,              /* 401: the API key was rejected */
    API_ERR_NOT_FOUND,         /* 404 */
    API_ERR_INVALID,           /* 400: CATS rejected the request body or query */
    API_ERR_UNSUPPORTED_MEDIA, /* 415 */
    API_ERR_RATE_LIMITED,      /* 429: see retry_after */
    API_ERR_SERVER,            /* 5xx */
    API_ERR_HTTP,              /* any other status that is not 2xx */
    API_ERR_BAD_JSON,          /* the body is not the JSON that was expected */
    API_ERR_TRUNCATED,         /* the connection closed before the body's declared end */
    API_ERR_CONTENT_TYPE,      /* a success body that is not application/json */
    API_ERR_TOO_LARGE,         /* the body is larger than the session's cap */
    API_ERR_CONFIG,            /* bad configuration, e.g. http:// to a non-loopback host */
    API_ERR_ARGUMENT,          /* an invalid argument, rejected before sending */
    API_ERR_IO,                /* a local file or descriptor failed */
    API_ERR_CANCELLED,         /* api_session_cancel() stopped the request */
    API_ERR_KIND_COUNT
};

#define API_REQUEST_ID_MAX 128
#define API_MESSAGE_MAX 512

/* A failed request, or API_OK.  Fixed-size, so it can be copied and kept
 * (the console stores one per failed page) without owning memory. */
struct api_error {
    enum api_error_kind kind;
    long status;                          /* HTTP status, 0 when none arrived */
    long retry_after;                     /* Retry-After in seconds, -1 when absent */
    char request_id[API_REQUEST_ID_MAX];  /* x-request-id, "" when absent */
    char message[API_MESSAGE_MAX];        /* one line: CATS's message or what failed locally */
};

/* Sets err to API_OK with no status, request id or message. */
void api_error_clear(struct api_error *err);

/* The kind's short English name ("not found", "rate limited"): static. */
const char *api_error_kind_name(enum api_error_kind kind);

/* Writes one sentence for a status line into buf, e.g. "CATS rejected the
 * API key (HTTP 401: Invalid credentials.); check CATS_API_KEY. Request id
 * 5f0c...".  Always NUL-terminates a non-empty buf; returns buf. */
char *api_error_describe(const struct api_error *err, char *buf, size_t size);

/* ---- session -------------------------------------------------------- */

#define API_DEFAULT_BASE_URL "https://api.catsone.com/v3"
#define API_DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define API_DEFAULT_TIMEOUT_MS 60000L
#define API_DEFAULT_MAX_BODY ((size_t)16 * 1024 * 1024)

/* Session settings, copied by api_session_new().  Zero values pick the
 * defaults above. */
struct api_session_config {
    const char *base_url;     /* NULL: API_DEFAULT_BASE_URL.  http:// only to loopback */
    const char *api_key;      /* required; sent as "Authorization: Token KEY" */
    long connect_timeout_ms;  /* 0: API_DEFAULT_CONNECT_TIMEOUT_MS */
    long timeout_ms;          /* whole request; 0: API_DEFAULT_TIMEOUT_MS.  Downloads
                                 and uploads instead fail after this long without data */
    size_t max_body;          /* cap on a response body held in memory; 0: API_DEFAULT_MAX_BODY */
    const char *trace_path;   /* NULL: $CATS_ADMIN_TRACE, "" : no trace */
    const char *ca_file;      /* NULL: the system's CA store */
};

struct api_session;

/* Validates cfg and creates a session.  Nothing connects here, so a bad URL
 * (unparsable, not http(s), plain http to a non-loopback host) fails at once
 * with API_ERR_CONFIG, and an unopenable trace file with API_ERR_IO.
 * Calls curl_global_init(), so create sessions before starting threads.
 * Returns NULL on failure.  Free with api_session_free(). */
struct api_session *api_session_new(const struct api_session_config *cfg, struct api_error *err);

/* Frees the session; every client made from it must be freed first. */
void api_session_free(struct api_session *session);

/* The base URL without a trailing slash.  Valid while the session lives. */
const char *api_session_base_url(const struct api_session *session);

/* The rate-limit state the last responses reported. */
struct api_rate_limit {
    long limit;           /* X-Rate-Limit-Limit, -1 when not seen yet */
    long remaining;       /* X-Rate-Limit-Remaining, -1 when not seen yet */
    long retry_in_ms;     /* time until the last 429's Retry-After ends, 0 when none */
};

/* Copies the rate-limit state; safe from any thread. */
void api_session_rate_limit(struct api_session *session, struct api_rate_limit *out);

/* Stops every request of the session: those running end within about a
 * second (libcurl's progress callback checks the flag), and later ones
 * fail at once, all with API_ERR_CANCELLED.  For shutdown: it cannot be
 * undone.  Safe from any thread. */
void api_session_cancel(struct api_session *session);

/* ---- client --------------------------------------------------------- */

struct api_client;

/* Creates one thread's handle on the session.  Returns NULL (and fills err)
 * only when libcurl cannot allocate a handle. */
struct api_client *api_client_new(struct api_session *session, struct api_error *err);

void api_client_free(struct api_client *client);

/* Counts the connections this client has opened so far, summing
 * CURLINFO_NUM_CONNECTS.  It stays at 1 across many requests to one host
 * while that connection is reused. */
long api_client_connections(const struct api_client *client);

/* ---- records -------------------------------------------------------- */

/* Reads obj[key] as an id given either as a JSON integer or as a string of
 * decimal digits.  Returns true and sets *id when it is one, false when it
 * is missing, null, negative or anything else. */
bool api_json_id(const struct json_object *obj, const char *key, int64_t *id);

/* obj[key] when it is a string; NULL when it is missing, null or not a
 * string.  Borrowed from obj. */
const char *api_json_string(const struct json_object *obj, const char *key);

/* _links.<rel>.href of a record, or NULL.  Borrowed from record. */
const char *api_json_link(const struct json_object *record, const char *rel);

/* ---- lists ---------------------------------------------------------- */

/* One page of a collection.  body is owned by the list; rows and the rows'
 * objects are borrowed from it. */
struct api_list {
    struct json_object *body;    /* the whole parsed envelope */
    struct json_object *rows;    /* _embedded.<plural>, NULL when the page has none */
    long count;                  /* "count", or the number of rows when absent */
    long total;                  /* "total" when total_known */
    bool total_known;            /* false when "total" is null or missing */
    bool has_next;               /* _links.next is present */
    int page;                    /* the page requested, 0 when unknown */
    int per_page;                /* the page size requested, 0 when unknown */
};

/* Number of rows on the page. */
size_t api_list_length(const struct api_list *list);

/* Row i (borrowed), or NULL past the end. */
struct json_object *api_list_row(const struct api_list *list, size_t i);

/* Releases the body and zeroes the list.  Safe on a zeroed list. */
void api_list_free(struct api_list *list);

/* Parses a collection envelope from text.  plural names the _embedded key
 * ("tasks").  page and per_page are stored as given.  Fails with
 * API_ERR_BAD_JSON, also for JSON that ends early.  On success *out owns
 * the body. */
int api_list_parse(const char *text, size_t length, const char *plural, int page, int per_page,
                   struct api_list *out, struct api_error *err);

/* Parses one record (a JSON object) from text into *out (one reference). */
int api_record_parse(const char *text, size_t length, struct json_object **out,
                     struct api_error *err);

/* ---- generic requests ----------------------------------------------- */

/* GETs a path relative to the base URL, with or without a leading slash and
 * with its query, as found in a record's _links hrefs ("/users/5",
 * "contacts/statuses/3").  Absolute URLs are rejected with API_ERR_ARGUMENT
 * so the key never goes to another host.  *out receives the record. */
int api_get(struct api_client *client, const char *path, struct json_object **out,
            struct api_error *err);

/* Same for a collection, e.g. following _links.next.  page and per_page of
 * the result are read from the path's query when present. */
int api_get_list(struct api_client *client, const char *path, const char *plural,
                 struct api_list *out, struct api_error *err);

/* ---- operations: lists ---------------------------------------------- */

/* page and per_page are sent when positive; CATS defaults to 1 and 25 and
 * caps per_page at 100. */
int api_tasks_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err);
int api_activities_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err);
int api_users_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err);
int api_portals_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err);
int api_portal_jobs_list(struct api_client *c, int64_t portal_id, int page, int per_page,
                         struct api_list *out, struct api_error *err);
int api_backups_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err);
int api_webhooks_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err);
int api_tags_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err);
int api_triggers_list(struct api_client *c, int page, int per_page, struct api_list *out, struct api_error *err);
int api_candidate_work_history_list(struct api_client *c, int64_t candidate_id, int page, int per_page,
                                    struct api_list *out, struct api_error *err);

/* GET /activities/search?query=: free-text search. */
int api_activities_search(struct api_client *c, const char *query, int page, int per_page,
                          struct api_list *out, struct api_error *err);

/* GET /events?starting_after_timestamp=: up to 25 events after a Unix time.
 * The envelope's extra fields (last_id, starting_after_id) stay in out->body. */
int api_events_list(struct api_client *c, int64_t after_timestamp, struct api_list *out,
                    struct api_error *err);

/* ---- operations: single records ------------------------------------- */

int api_task_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_activity_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_user_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_portal_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_portal_registration_get(struct api_client *c, int64_t portal_id, struct json_object **out,
                                struct api_error *err);
int api_backup_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_webhook_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_tag_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_trigger_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_work_history_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_attachment_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_candidate_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_job_get(struct api_client *c, int64_t id, struct json_object **out, struct api_error *err);
int api_site_get(struct api_client *c, struct json_object **out, struct api_error *err);

/* ---- operations: deletes and publishing ------------------------------ */

int api_task_delete(struct api_client *c, int64_t id, struct api_error *err);
int api_activity_delete(struct api_client *c, int64_t id, struct api_error *err);
int api_webhook_delete(struct api_client *c, int64_t id, struct api_error *err);
int api_work_history_delete(struct api_client *c, int64_t id, struct api_error *err);
int api_attachment_delete(struct api_client *c, int64_t id, struct api_error *err);

/* PUT /portals/{portal_id}/jobs/{job_id} with body {}. */
int api_portal_job_publish(struct api_client *c, int64_t portal_id, int64_t job_id, struct api_error *err);
/* DELETE /portals/{portal_id}/jobs/{job_id}. */
int api_portal_job_unpublish(struct api_client *c, int64_t portal_id, int64_t job_id, struct api_error *err);

/* ---- operations: writes with bodies ---------------------------------- */

/* Writes send only the fields whose bit is set in `set`.  A const char *
 * field that is set but NULL is sent as JSON null.  Creates return the new
 * record's id from the Location header in *new_id (0 when CATS sent no
 * Location); new_id may be NULL. */

enum api_data_item_type {
    API_DATA_ITEM_NONE = 0,   /* a general task: data_item is sent as null */
    API_DATA_ITEM_CANDIDATE,
    API_DATA_ITEM_CONTACT,
    API_DATA_ITEM_COMPANY,
    API_DATA_ITEM_JOB
};

struct api_data_item {
    enum api_data_item_type type;
    int64_t id;
};

enum {
    API_TASK_DESCRIPTION    = 1u << 0,
    API_TASK_PRIORITY       = 1u << 1,
    API_TASK_DATE_DUE       = 1u << 2,
    API_TASK_ASSIGNED_TO_ID = 1u << 3,
    API_TASK_IS_COMPLETED   = 1u << 4,  /* update only */
    API_TASK_DATA_ITEM      = 1u << 5   /* create only */
};

struct api_task_fields {
    unsigned set;                   /* API_TASK_* bits */
    const char *description;
    int priority;                   /* 1 (lowest) to 5 */
    const char *date_due;           /* RFC 3339; NULL sends null: as soon as possible */
    int64_t assigned_to_id;         /* a user id */
    bool is_completed;
    struct api_data_item data_item;
};

/* POST /tasks.  CATS requires priority and assigned_to_id. */
int api_task_create(struct api_client *c, const struct api_task_fields *fields, int64_t *new_id,
                    struct api_error *err);
/* PUT /tasks/{id}; no bit set sends {}. */
int api_task_update(struct api_client *c, int64_t id, const struct api_task_fields *fields,
                    struct api_error *err);

enum {
    API_ACTIVITY_TYPE         = 1u << 0,
    API_ACTIVITY_NOTES        = 1u << 1,
    API_ACTIVITY_REGARDING_ID = 1u << 2,
    API_ACTIVITY_DATE         = 1u << 3
};

struct api_activity_fields {
    unsigned set;                   /* API_ACTIVITY_* bits */
    const char *type;               /* one of api_activity_types */
    const char *notes;
    int64_t regarding_id;           /* a job order; 0 sends null: a general activity */
    const char *date;               /* RFC 3339 */
};

/* The activity types CATS documents, NULL-terminated: static. */
extern const char *const api_activity_types[];

/* PUT /activities/{id}. */
int api_activity_update(struct api_client *c, int64_t id, const struct api_activity_fields *fields,
                        struct api_error *err);

enum api_filter_value_kind {
    API_FILTER_STRING,              /* value.string */
    API_FILTER_INTEGER,             /* value.integer */
    API_FILTER_BOOLEAN,             /* value.boolean; is_empty needs true */
    API_FILTER_RANGE_INTEGER,       /* {"gte": value.low_integer, "lte": value.high_integer} */
    API_FILTER_RANGE_STRING         /* {"gte": value.low, "lte": value.high}, e.g. dates */
};

/* One filter condition: {"field": ..., "filter": ..., "value": ...}. */
struct api_filter {
    const char *field;              /* e.g. "notes", "regarding_id", "date_created" */
    const char *filter;             /* exactly, contains, between, greater_than, less_than, is_empty */
    enum api_filter_value_kind value_kind;
    struct {
        const char *string;
        int64_t integer;
        bool boolean;
        const char *low, *high;
        int64_t low_integer, high_integer;
    } value;
};

/* POST /activities/search?query=&page=&per_page= with the condition as
 * body.  query may be NULL. */
int api_activities_filter(struct api_client *c, const struct api_filter *filter, const char *query,
                          int page, int per_page, struct api_list *out, struct api_error *err);

enum {
    API_WORK_TITLE              = 1u << 0,
    API_WORK_EMPLOYER           = 1u << 1,
    API_WORK_SUPERVISOR         = 1u << 2,
    API_WORK_START_DATE         = 1u << 3,
    API_WORK_END_DATE           = 1u << 4,
    API_WORK_IS_CURRENT         = 1u << 5,
    API_WORK_IS_VERIFIED        = 1u << 6,
    API_WORK_REASON_FOR_LEAVING = 1u << 7
};

/* {"linked": false, "name", "location": {"city", "state"}} or
 * {"linked": true, "company_id"}. */
struct api_employer {
    bool linked;
    const char *name, *city, *state;
    int64_t company_id;
};

/* {"linked": false, "name", "phone"} or {"linked": true, "contact_id"}. */
struct api_supervisor {
    bool linked;
    const char *name, *phone;
    int64_t contact_id;
};

struct api_work_history_fields {
    unsigned set;                   /* API_WORK_* bits */
    const char *title;
    struct api_employer employer;
    struct api_supervisor supervisor;
    const char *start_date, *end_date;  /* "YYYY-MM-DD" */
    bool is_current;                /* true makes CATS ignore end_date and reason_for_leaving */
    bool is_verified;
    const char *reason_for_leaving;
};

/* PUT /work_history/{id}. */
int api_work_history_update(struct api_client *c, int64_t id, const struct api_work_history_fields *fields,
                            struct api_error *err);

/* The 24 webhook event types, NULL-terminated: static. */
extern const char *const api_webhook_events[];

struct api_webhook_fields {
    const char *const *events;      /* one or more of api_webhook_events */
    size_t event_count;
    const char *target_url;
    const char *secret;             /* NULL: no secret (CATS then signs nothing) */
};

/* POST /webhooks.  The secret goes in the body only; it is never traced. */
int api_webhook_create(struct api_client *c, const struct api_webhook_fields *fields, int64_t *new_id,
                       struct api_error *err);

enum {
    API_BACKUP_INCLUDE_ATTACHMENTS = 1u << 0,
    API_BACKUP_INCLUDE_EMAILS      = 1u << 1
};

/* Unset fields take CATS's defaults: attachments false, emails true. */
struct api_backup_fields {
    unsigned set;                   /* API_BACKUP_* bits */
    bool include_attachments;
    bool include_emails;
};

/* POST /backups. */
int api_backup_create(struct api_client *c, const struct api_backup_fields *fields, int64_t *new_id,
                      struct api_error *err);

enum api_portal_field_kind {
    API_PORTAL_TEXT,                /* text: the string as is */
    API_PORTAL_MULTILINE,           /* text with each "\n" sent as "\r\n" */
    API_PORTAL_FILE,                /* file_path read and sent as base64, with filename */
    API_PORTAL_CHECKBOX,            /* checked, sent as a boolean */
    API_PORTAL_CHOICES              /* answer_ids, sent as {"<id>": true, ...}; one id for radio/select */
};

struct api_portal_field {
    int64_t id;                     /* the application form's field id */
    enum api_portal_field_kind kind;
    const char *text;
    const char *file_path;
    const char *filename;           /* NULL: the last part of file_path */
    bool checked;
    const int64_t *answer_ids;
    size_t answer_count;
};

struct api_portal_submission {
    const struct api_portal_field *fields;
    size_t field_count;
    const char *source;             /* NULL: omitted, CATS uses "Career Portal" */
};

/* POST /portals/{portal_id}/jobs/{job_id}: apply to a job. */
int api_portal_job_apply(struct api_client *c, int64_t portal_id, int64_t job_id,
                         const struct api_portal_submission *submission, int64_t *new_id,
                         struct api_error *err);
/* POST /portals/{portal_id}/registration. */
int api_portal_registration_submit(struct api_client *c, int64_t portal_id,
                                   const struct api_portal_submission *submission, int64_t *new_id,
                                   struct api_error *err);

/* ---- attachments ------------------------------------------------------ */

/* GET /attachments/{id}/download, streamed to fd as it arrives; the body
 * is never held in memory.  Nothing is written to fd unless the status is
 * 2xx.  When CATS names the file (Content-Disposition), its name made safe
 * by api_safe_filename() goes to filename (may be NULL), else "".  *bytes
 * (may be NULL) receives the number of bytes written. */
int api_attachment_download(struct api_client *c, int64_t id, int fd, char *filename, size_t filename_size,
                            int64_t *bytes, struct api_error *err);

/* POST /attachments/parse with the raw bytes of the file at path as
 * application/octet-stream, read as it is sent.  *out receives the parsed
 * candidate (no record is created). */
int api_resume_parse(struct api_client *c, const char *path, struct json_object **out,
                     struct api_error *err);

/* Makes a file name from the server safe to create in the current folder:
 * keeps the part after the last '/' or '\\', drops control characters and
 * leading dots, and falls back to "download" when nothing is left.  UTF-8
 * is kept.  Always writes a NUL-terminated name into out (size > 0) and
 * returns out. */
char *api_safe_filename(const char *name, char *out, size_t size);

#endif
