/* store.h: the sandbox's data, held in memory behind one read-write lock.
 *
 * The two large collections (tasks, activities) and the event feed are C
 * structs, because 100,000 json-c records would cost hundreds of megabytes.
 * The smaller collections keep each record as a json-c object.  Handlers take store->lock for reading to render
 * and for writing to change anything.  Every string and json-c object in a
 * row belongs to the store and is freed by store_free(). */
#ifndef SANDBOX_STORE_H
#define SANDBOX_STORE_H

#include <json-c/json.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "table.h"

/* The kind of record a task's or activity's data_item points at (0: none). */
enum item_type {
    ITEM_NONE,
    ITEM_CANDIDATE,
    ITEM_CONTACT,
    ITEM_COMPANY,
    ITEM_JOB,
};

enum activity_type {
    ACTIVITY_EMAIL,
    ACTIVITY_MEETING,
    ACTIVITY_CALL_TALKED,
    ACTIVITY_CALL_LVM,
    ACTIVITY_CALL_MISSED,
    ACTIVITY_TEXT_MESSAGE,
    ACTIVITY_OTHER,
    ACTIVITY_TYPE_COUNT,
};

/* The resources whose seeded size --size sets. */
enum resource_kind {
    RES_TASKS,
    RES_ACTIVITIES,
    RES_USERS,
    RES_CANDIDATES,
    RES_CONTACTS,
    RES_COMPANIES,
    RES_JOBS,
    RES_PORTALS,
    RES_BACKUPS,
    RES_WEBHOOKS,
    RES_TAGS,
    RES_TRIGGERS,
    RES_EVENTS,
    RES_ATTACHMENTS,
    RES_WORK_HISTORY,
    RES_COUNT,
};

/* Dates are Unix seconds; 0 stands for null. */
struct task {
    long id;
    long item_id;
    uint8_t item_type;
    uint8_t priority;
    bool is_completed;
    long entered_by_id;
    long assigned_to_id;
    char *description;
    int64_t date_due;
    int64_t date_completed;
    int64_t date_created;
    int64_t date_updated;
};

struct activity {
    long id;
    long item_id;
    uint8_t item_type;
    uint8_t type;
    long regarding_id;      /* a job, or 0 for a general activity */
    long entered_by_id;
    char *notes;            /* NULL is sent as null */
    char *annotation;
    int64_t date;
    int64_t date_created;
    int64_t date_modified;
};

struct event {
    long id;
    int64_t timestamp;
    const char *name;       /* "task.updated": static storage */
    const char *item_kind;  /* "task": static storage */
    long item_id;
};

/* A smaller record kept as its JSON fields, without _links. */
struct doc {
    long id;
    json_object *fields;
};

struct backup {
    long id;
    long started_by_id;
    int64_t date_created;
    bool include_attachments;
    bool include_emails;
    const char *frozen_status; /* seeded backups stay in this state; NULL: follows the clock */
    long file_size;
};

struct webhook {
    long id;
    char *target_url;
    char *secret;           /* NULL when none was given */
    uint32_t events;        /* bit i set: webhook_event_names[i] is subscribed */
    int64_t date_created;
};

struct portal {
    long id;
    char *name;
    int64_t date_created;
    long *job_ids;          /* published jobs, in publishing order */
    size_t job_count;
    size_t job_capacity;
};

struct attachment {
    long id;
    long item_id;
    uint8_t item_type;
    bool is_resume;
    char *filename;
    const char *content_type;   /* static storage */
    long size;
    int64_t date_created;
};

struct store {
    pthread_rwlock_t lock;
    int64_t epoch;          /* seeded dates are relative to this */
    uint64_t seed;
    struct table tasks, activities, events;
    struct table users, candidates, contacts, companies, jobs, tags, triggers, work_history;
    struct table portals, backups, webhooks, attachments;
    json_object *site;
};

/* The 24 webhook event names, in a fixed order (their bit numbers). */
extern const char *const webhook_event_names[];
extern const size_t webhook_event_count;

void store_init(struct store *store, uint64_t seed, int64_t epoch);
void store_free(struct store *store);

const char *store_item_type_name(enum item_type type);

/* Parses "candidate", "contact", "company" or "job".  Returns false otherwise. */
bool store_item_type_parse(const char *name, enum item_type *out);

/* The collection a data item of this type lives in. */
struct table *store_item_table(struct store *store, enum item_type type);

const char *store_activity_type_name(enum activity_type type);
bool store_activity_type_parse(const char *name, enum activity_type *out);

/* Appends an event to the feed, dated now.  Caller holds the write lock;
 * name and item_kind must be static strings. */
void store_add_event(struct store *store, const char *name, const char *item_kind, long item_id);

/* Publishes job_id on the portal (no-op when it is already there). */
void store_portal_publish(struct portal *portal, long job_id);

/* Unpublishes job_id.  Returns false when it was not published. */
bool store_portal_unpublish(struct portal *portal, long job_id);

bool store_portal_has_job(const struct portal *portal, long job_id);

/* Row destructors, for table_remove(). */
void store_free_task(void *row);
void store_free_activity(void *row);
void store_free_doc(void *row);
void store_free_webhook(void *row);
void store_free_attachment(void *row);

/* Fills the store with the seeded data: sizes[] per resource, plus the
 * example records of the CATS documentation.  Implemented in seed.c. */
void seed_store(struct store *store, const long sizes[RES_COUNT]);

/* Adds the example records of the CATS documentation, with their ids and
 * values as CATS sent them.  Implemented in seed_examples.c. */
void seed_examples(struct store *store);

/* The default size of each resource. */
extern const long seed_default_sizes[RES_COUNT];

/* The resource names --size accepts, indexed by enum resource_kind. */
extern const char *const seed_resource_names[RES_COUNT];

/* Writes the bytes of an attachment into out (which the caller frees). */
void seed_attachment_content(const struct attachment *attachment, char **out, size_t *len);

#endif
