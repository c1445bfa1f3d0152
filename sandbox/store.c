/* store.c: the in-memory collections, their destructors and the event feed. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "util.h"

const char *const webhook_event_names[] = {
    "candidate.created", "candidate.updated", "candidate.deleted",
    "job.created", "job.updated", "job.deleted", "job.status_changed",
    "contact.created", "contact.updated", "contact.deleted", "contact.status_changed",
    "company.created", "company.updated", "company.deleted", "company.status_changed",
    "activity.created", "activity.updated", "activity.deleted",
    "user.created", "user.updated", "user.deleted",
    "pipeline.created", "pipeline.deleted", "pipeline.status_changed",
};
const size_t webhook_event_count = ARRAY_LEN(webhook_event_names);

static const char *const item_type_names[] = {
    [ITEM_NONE] = NULL,
    [ITEM_CANDIDATE] = "candidate",
    [ITEM_CONTACT] = "contact",
    [ITEM_COMPANY] = "company",
    [ITEM_JOB] = "job",
};

static const char *const activity_type_names[ACTIVITY_TYPE_COUNT] = {
    [ACTIVITY_EMAIL] = "email",
    [ACTIVITY_MEETING] = "meeting",
    [ACTIVITY_CALL_TALKED] = "call_talked",
    [ACTIVITY_CALL_LVM] = "call_lvm",
    [ACTIVITY_CALL_MISSED] = "call_missed",
    [ACTIVITY_TEXT_MESSAGE] = "text_message",
    [ACTIVITY_OTHER] = "other",
};

void
store_init(struct store *store, uint64_t seed, int64_t epoch)
{
    memset(store, 0, sizeof *store);
    pthread_rwlock_init(&store->lock, NULL);
    store->seed = seed;
    store->epoch = epoch;

    table_init(&store->tasks, sizeof(struct task));
    table_init(&store->activities, sizeof(struct activity));
    table_init(&store->events, sizeof(struct event));
    struct table *docs[] = { &store->users, &store->candidates, &store->contacts,
                             &store->companies, &store->jobs, &store->tags,
                             &store->triggers, &store->work_history };
    for (size_t i = 0; i < ARRAY_LEN(docs); i++)
        table_init(docs[i], sizeof(struct doc));
    table_init(&store->portals, sizeof(struct portal));
    table_init(&store->backups, sizeof(struct backup));
    table_init(&store->webhooks, sizeof(struct webhook));
    table_init(&store->attachments, sizeof(struct attachment));
}

void
store_free_task(void *row)
{
    free(((struct task *)row)->description);
}

void
store_free_activity(void *row)
{
    struct activity *activity = row;

    free(activity->notes);
    free(activity->annotation);
}

void
store_free_doc(void *row)
{
    json_object_put(((struct doc *)row)->fields);
}

void
store_free_webhook(void *row)
{
    struct webhook *webhook = row;

    free(webhook->target_url);
    free(webhook->secret);
}

void
store_free_attachment(void *row)
{
    struct attachment *attachment = row;

    free(attachment->filename);
}

static void
free_portal(void *row)
{
    struct portal *portal = row;

    free(portal->name);
    free(portal->job_ids);
}

void
store_free(struct store *store)
{
    table_free(&store->tasks, store_free_task);
    table_free(&store->activities, store_free_activity);
    table_free(&store->events, NULL);
    struct table *docs[] = { &store->users, &store->candidates, &store->contacts,
                             &store->companies, &store->jobs, &store->tags,
                             &store->triggers, &store->work_history };
    for (size_t i = 0; i < ARRAY_LEN(docs); i++)
        table_free(docs[i], store_free_doc);
    table_free(&store->portals, free_portal);
    table_free(&store->backups, NULL);
    table_free(&store->webhooks, store_free_webhook);
    table_free(&store->attachments, store_free_attachment);
    json_object_put(store->site);
    pthread_rwlock_destroy(&store->lock);
}

const char *
store_item_type_name(enum item_type type)
{
    return type < ARRAY_LEN(item_type_names) ? item_type_names[type] : NULL;
}

bool
store_item_type_parse(const char *name, enum item_type *out)
{
    for (size_t i = 1; i < ARRAY_LEN(item_type_names); i++) {
        if (strcmp(name, item_type_names[i]) == 0) {
            *out = (enum item_type)i;
            return true;
        }
    }
    return false;
}

static const size_t item_tables[] = {
    [ITEM_CANDIDATE] = offsetof(struct store, candidates),
    [ITEM_CONTACT] = offsetof(struct store, contacts),
    [ITEM_COMPANY] = offsetof(struct store, companies),
    [ITEM_JOB] = offsetof(struct store, jobs),
};

struct table *
store_item_table(struct store *store, enum item_type type)
{
    if (type == ITEM_NONE || type >= ARRAY_LEN(item_tables))
        return NULL;
    return (struct table *)((char *)store + item_tables[type]);
}

const char *
store_activity_type_name(enum activity_type type)
{
    return type < ACTIVITY_TYPE_COUNT ? activity_type_names[type] : "other";
}

bool
store_activity_type_parse(const char *name, enum activity_type *out)
{
    for (size_t i = 0; i < ACTIVITY_TYPE_COUNT; i++) {
        if (strcmp(name, activity_type_names[i]) == 0) {
            *out = (enum activity_type)i;
            return true;
        }
    }
    return false;
}

void
store_add_event(struct store *store, const char *name, const char *item_kind, long item_id)
{
    struct event *event = table_insert(&store->events, table_next_id(&store->events, 1));

    event->timestamp = util_now();
    event->name = name;
    event->item_kind = item_kind;
    event->item_id = item_id;
}

bool
store_portal_has_job(const struct portal *portal, long job_id)
{
    for (size_t i = 0; i < portal->job_count; i++)
        if (portal->job_ids[i] == job_id)
            return true;
    return false;
}

void
store_portal_publish(struct portal *portal, long job_id)
{
    if (store_portal_has_job(portal, job_id))
        return;
    if (portal->job_count == portal->job_capacity) {
        portal->job_capacity = portal->job_capacity ? portal->job_capacity * 2 : 16;
        portal->job_ids = util_xrealloc(portal->job_ids, portal->job_capacity * sizeof(long));
    }
    portal->job_ids[portal->job_count++] = job_id;
}

bool
store_portal_unpublish(struct portal *portal, long job_id)
{
    for (size_t i = 0; i < portal->job_count; i++) {
        if (portal->job_ids[i] == job_id) {
            memmove(&portal->job_ids[i], &portal->job_ids[i + 1],
                    (portal->job_count - i - 1) * sizeof(long));
            portal->job_count--;
            return true;
        }
    }
    return false;
}
