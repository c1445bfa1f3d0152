/* seed.c: generates the sandbox's data from a seed.  Each resource draws
 * from its own random stream, so the same seed and sizes always give the
 * same records, and dates are relative to store->epoch. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"
#include "rng.h"
#include "seed_text.h"
#include "store.h"
#include "util.h"

#define DAY (24 * 3600)

const char *const seed_resource_names[RES_COUNT] = {
    [RES_TASKS] = "tasks",
    [RES_ACTIVITIES] = "activities",
    [RES_USERS] = "users",
    [RES_CANDIDATES] = "candidates",
    [RES_CONTACTS] = "contacts",
    [RES_COMPANIES] = "companies",
    [RES_JOBS] = "jobs",
    [RES_PORTALS] = "portals",
    [RES_BACKUPS] = "backups",
    [RES_WEBHOOKS] = "webhooks",
    [RES_TAGS] = "tags",
    [RES_TRIGGERS] = "triggers",
    [RES_EVENTS] = "events",
    [RES_ATTACHMENTS] = "attachments",
    [RES_WORK_HISTORY] = "work_history",
};

const long seed_default_sizes[RES_COUNT] = {
    [RES_TASKS] = 100000,
    [RES_ACTIVITIES] = 100000,
    [RES_USERS] = 40,
    [RES_CANDIDATES] = 3000,
    [RES_CONTACTS] = 600,
    [RES_COMPANIES] = 120,
    [RES_JOBS] = 250,
    [RES_PORTALS] = 4,
    [RES_BACKUPS] = 8,
    [RES_WEBHOOKS] = 3,
    [RES_TAGS] = 30,
    [RES_TRIGGERS] = 10,
    [RES_EVENTS] = 400,
    [RES_ATTACHMENTS] = 1500,
    [RES_WORK_HISTORY] = 6000,
};

/* The first id of each generated collection; the documentation's example
 * records keep their own ids and sit among these. */
enum {
    FIRST_USER = 1001,
    FIRST_CANDIDATE = 200001,
    FIRST_CONTACT = 300001,
    FIRST_COMPANY = 400001,
    FIRST_JOB = 500001,
    FIRST_ATTACHMENT = 600001,
    FIRST_TASK = 1000001,
    FIRST_ACTIVITY = 2000001,
    FIRST_WORK_HISTORY = 3001,
    FIRST_PORTAL = 11,
    FIRST_BACKUP = 701,
    FIRST_WEBHOOK = 801,
    FIRST_TAG = 901,
    FIRST_TRIGGER = 1301,
};

struct person {
    const char *first;
    const char *last;
};

/* Copies template into out with its one "%s" replaced by name. */
static void
fill_template(char *out, size_t size, const char *template, const char *name)
{
    const char *hole = strstr(template, "%s");

    if (hole == NULL) {
        snprintf(out, size, "%s", template);
        return;
    }
    snprintf(out, size, "%.*s%s%s", (int)(hole - template), template, name, hole + 2);
}

static struct person
pick_person(struct rng *rng)
{
    unsigned total = 0, draw;

    for (size_t i = 0; i < seed_name_pool_count; i++)
        total += seed_name_pools[i].weight;
    draw = rng_below(rng, total);
    for (size_t i = 0; i < seed_name_pool_count; i++) {
        const struct name_pool *pool = &seed_name_pools[i];

        if (draw < pool->weight)
            return (struct person){ rng_pick(rng, pool->first, pool->first_count),
                                    rng_pick(rng, pool->last, pool->last_count) };
        draw -= pool->weight;
    }
    return (struct person){ "Jane", "Doe" };
}

static const struct city *
pick_city(struct rng *rng)
{
    return &seed_cities[rng_below(rng, (uint32_t)seed_city_count)];
}

/* The id of a random row of a table, or 0 when it is empty. */
static long
random_id(struct rng *rng, const struct table *table)
{
    if (table->count == 0)
        return 0;
    return *(const long *)table_at(table, rng_below(rng, (uint32_t)table->count));
}

static int64_t
days_before(struct rng *rng, int64_t epoch, int max_days)
{
    return epoch - rng_range(rng, 0, (long)max_days * DAY);
}

static json_object *
insert_doc(struct table *table, long id)
{
    struct doc *doc = table_insert(table, id);

    doc->fields = json_object_new_object();
    return doc->fields;
}

/* An ASCII login name; people whose names are not Latin get a numbered one. */
static void
make_username(char *out, size_t size, struct person person, long id)
{
    size_t len = 0;

    for (const char *p = person.first; *p && len + 1 < size; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            out[len++] = (char)(*p | 0x20);
    out[len] = '\0';
    if (len < 2)
        snprintf(out, size, "user%ld", id);
    else
        snprintf(out + len, size - len, "%ld", id % 1000);
}

static void
seed_users(struct store *store, long count)
{
    static const char *const levels[] = { "read_only", "edit", "edit", "edit", "admin" };
    struct rng rng;

    rng_seed(&rng, store->seed, "users");
    for (long i = 0; i < count; i++) {
        long id = FIRST_USER + i;
        struct person person = pick_person(&rng);
        json_object *user = insert_doc(&store->users, id);
        char username[64];

        make_username(username, sizeof username, person, id);
        jsonu_add_string(user, "username", username);
        jsonu_add_string(user, "first_name", person.first);
        jsonu_add_string(user, "last_name", person.last);
        jsonu_add_string(user, "title", SEED_PICK(&rng, seed_people_titles));
        jsonu_add_string(user, "access_level", i == 0 ? "admin" : RNG_PICK(&rng, levels));
    }
}

static void
add_address(json_object *obj, struct rng *rng, bool with_street)
{
    const struct city *city = pick_city(rng);
    json_object *address = jsonu_add_object(obj, "address");
    char street[64];

    snprintf(street, sizeof street, "%ld Market Street", rng_range(rng, 1, 980));
    jsonu_add_string(address, "street", with_street ? street : NULL);
    jsonu_add_string(address, "city", city->city);
    jsonu_add_string(address, "state", city->state);
    jsonu_add_string(address, "postal_code", city->postal_code);
    jsonu_add_string(obj, "country_code", city->country_code);
}

static void
add_dates(json_object *obj, struct rng *rng, int64_t epoch)
{
    int64_t created = days_before(rng, epoch, 900);

    jsonu_add_time(obj, "date_created", created, 0);
    jsonu_add_time(obj, "date_modified", created + rng_range(rng, 0, 90L * DAY), 0);
}

static void
seed_companies(struct store *store, long count)
{
    struct rng rng;

    rng_seed(&rng, store->seed, "companies");
    for (long i = 0; i < count; i++) {
        json_object *company = insert_doc(&store->companies, FIRST_COMPANY + i);
        const char *name = SEED_PICK(&rng, seed_company_names);
        char website[96], phone[32];

        snprintf(website, sizeof website, "https://company%ld.example.com", FIRST_COMPANY + i);
        snprintf(phone, sizeof phone, "+1 617 555 %04ld", rng_range(&rng, 0, 9999));
        jsonu_add_string(company, "name", name);
        jsonu_add_string(company, "website", website);
        json_object *phones = jsonu_add_object(company, "phones");
        jsonu_add_string(phones, "main", phone);
        jsonu_add_string(phones, "fax", NULL);
        add_address(company, &rng, true);
        jsonu_add_bool(company, "is_hot", rng_chance(&rng, 0.1));
        jsonu_add_string(company, "key_technologies", SEED_PICK(&rng, seed_skills));
        jsonu_add_string(company, "notes", rng_chance(&rng, 0.3) ? SEED_PICK(&rng, seed_note_plain) : "");
        jsonu_add_id_or_null(company, "owner_id", random_id(&rng, &store->users));
        add_dates(company, &rng, store->epoch);
    }
}

static void
make_email(char *out, size_t size, long id, const char *domain)
{
    snprintf(out, size, "person%ld@%s", id, domain);
}

static void
seed_contacts(struct store *store, long count)
{
    struct rng rng;

    rng_seed(&rng, store->seed, "contacts");
    for (long i = 0; i < count; i++) {
        long id = FIRST_CONTACT + i;
        struct person person = pick_person(&rng);
        json_object *contact = insert_doc(&store->contacts, id);
        char email[96], phone[32];

        make_email(email, sizeof email, id, "client.example.com");
        snprintf(phone, sizeof phone, "+44 20 7946 %04ld", rng_range(&rng, 0, 9999));
        jsonu_add_string(contact, "first_name", person.first);
        jsonu_add_string(contact, "last_name", person.last);
        jsonu_add_string(contact, "title", SEED_PICK(&rng, seed_people_titles));
        jsonu_add_id_or_null(contact, "company_id", random_id(&rng, &store->companies));
        json_object *emails = jsonu_add_object(contact, "emails");
        jsonu_add_string(emails, "primary", email);
        jsonu_add_string(emails, "secondary", NULL);
        json_object *phones = jsonu_add_object(contact, "phones");
        jsonu_add_string(phones, "work", phone);
        jsonu_add_string(phones, "cell", NULL);
        jsonu_add_string(phones, "other", NULL);
        add_address(contact, &rng, false);
        jsonu_add_bool(contact, "is_hot", rng_chance(&rng, 0.1));
        jsonu_add_id_or_null(contact, "owner_id", random_id(&rng, &store->users));
        add_dates(contact, &rng, store->epoch);
    }
}

static void
make_job_description(struct buffer *buf, struct rng *rng, const char *title)
{
    buffer_appendf(buf, "We are hiring a %s.\n\nWhat you will do:\n", title);
    for (int i = 0; i < 3; i++)
        buffer_appendf(buf, "- %s\n", SEED_PICK(rng, seed_lorem));
    buffer_appendf(buf, "\nSkills: %s", SEED_PICK(rng, seed_skills));
}

static void
seed_jobs(struct store *store, long count)
{
    static const char *const durations[] = { "Full time", "Part time", "Contract", "Temp to hire" };
    struct rng rng;

    rng_seed(&rng, store->seed, "jobs");
    for (long i = 0; i < count; i++) {
        json_object *job = insert_doc(&store->jobs, FIRST_JOB + i);
        const char *title = SEED_PICK(&rng, seed_job_titles);
        const struct city *city = pick_city(&rng);
        struct buffer description = { 0 };
        int64_t created = days_before(&rng, store->epoch, 400);

        make_job_description(&description, &rng, title);
        jsonu_add_string(job, "title", title);
        json_object *location = jsonu_add_object(job, "location");
        jsonu_add_string(location, "city", city->city);
        jsonu_add_string(location, "state", city->state);
        jsonu_add_string(location, "postal_code", city->postal_code);
        jsonu_add_string(job, "country_code", city->country_code);
        jsonu_add_id_or_null(job, "company_id", random_id(&rng, &store->companies));
        jsonu_add_id_or_null(job, "recruiter_id", random_id(&rng, &store->users));
        jsonu_add_id_or_null(job, "owner_id", random_id(&rng, &store->users));
        jsonu_add_string(job, "duration", RNG_PICK(&rng, durations));
        jsonu_add_int(job, "openings", rng_range(&rng, 1, 5));
        jsonu_add_bool(job, "is_hot", rng_chance(&rng, 0.15));
        jsonu_add_string(job, "description", description.data);
        jsonu_add_string(job, "notes", rng_chance(&rng, 0.1) ? SEED_PICK(&rng, seed_hostile_strings) : "");
        jsonu_add_date(job, "start_date", rng_chance(&rng, 0.5) ? store->epoch + rng_range(&rng, 7, 90) * DAY : 0);
        jsonu_add_time(job, "date_created", created, 0);
        jsonu_add_time(job, "date_modified", created + rng_range(&rng, 0, 30L * DAY), 0);
        buffer_free(&description);
    }
}

static void
add_candidate_contact_fields(json_object *candidate, struct rng *rng, long id)
{
    char email[96], phone[32];

    make_email(email, sizeof email, id, "mail.example.net");
    snprintf(phone, sizeof phone, "+1 512 555 %04ld", rng_range(rng, 0, 9999));
    json_object *emails = jsonu_add_object(candidate, "emails");
    jsonu_add_string(emails, "primary", email);
    jsonu_add_string(emails, "secondary", NULL);
    add_address(candidate, rng, rng_chance(rng, 0.6));
    jsonu_add_array(candidate, "social_media_urls");
    jsonu_add_string(candidate, "website", NULL);
    json_object *phones = jsonu_add_object(candidate, "phones");
    jsonu_add_string(phones, "home", NULL);
    jsonu_add_string(phones, "cell", phone);
    jsonu_add_string(phones, "work", NULL);
    jsonu_add_string(candidate, "best_time_to_call", rng_chance(rng, 0.3) ? "14:00" : "");
}

static void
seed_one_candidate(struct store *store, struct rng *rng, long id)
{
    struct person person = pick_person(rng);
    json_object *candidate = insert_doc(&store->candidates, id);
    char pay[16];
    long owner = random_id(rng, &store->users);

    jsonu_add_string(candidate, "first_name", person.first);
    jsonu_add_string(candidate, "middle_name", "");
    jsonu_add_string(candidate, "last_name", person.last);
    jsonu_add_string(candidate, "title", SEED_PICK(rng, seed_job_titles));
    add_candidate_contact_fields(candidate, rng, id);
    jsonu_add_string(candidate, "current_employer", SEED_PICK(rng, seed_company_names));
    jsonu_add_date(candidate, "date_available", rng_chance(rng, 0.4) ? store->epoch + rng_range(rng, 0, 60) * DAY : 0);
    snprintf(pay, sizeof pay, "%ld", rng_range(rng, 30, 180) * 1000);
    jsonu_add_string(candidate, "current_pay", pay);
    snprintf(pay, sizeof pay, "%ld", rng_range(rng, 35, 200) * 1000);
    jsonu_add_string(candidate, "desired_pay", pay);
    jsonu_add_bool(candidate, "is_willing_to_relocate", rng_chance(rng, 0.4));
    jsonu_add_string(candidate, "key_skills", SEED_PICK(rng, seed_skills));
    jsonu_add_string(candidate, "notes", rng_chance(rng, 0.05) ? SEED_PICK(rng, seed_hostile_strings) : "");
    jsonu_add_bool(candidate, "is_hot", rng_chance(rng, 0.1));
    jsonu_add_bool(candidate, "is_active", rng_chance(rng, 0.9));
    jsonu_add_null(candidate, "contact_id");
    jsonu_add_id_or_null(candidate, "owner_id", owner);
    jsonu_add_id_or_null(candidate, "entered_by_id", owner);
    jsonu_add_string(candidate, "source", SEED_PICK(rng, seed_sources));
    jsonu_add_bool(candidate, "is_registered", rng_chance(rng, 0.3));
    jsonu_add_null(candidate, "consent_status");
    add_dates(candidate, rng, store->epoch);
}

static void
seed_candidates(struct store *store, long count)
{
    struct rng rng;

    rng_seed(&rng, store->seed, "candidates");
    for (long i = 0; i < count; i++)
        seed_one_candidate(store, &rng, FIRST_CANDIDATE + i);
}

static void
add_employer(json_object *history, struct rng *rng, struct store *store)
{
    json_object *employer = jsonu_add_object(history, "employer");

    if (store->companies.count > 0 && rng_chance(rng, 0.3)) {
        jsonu_add_bool(employer, "linked", true);
        jsonu_add_int(employer, "company_id", random_id(rng, &store->companies));
        return;
    }
    const struct city *city = pick_city(rng);

    jsonu_add_bool(employer, "linked", false);
    jsonu_add_string(employer, "name", SEED_PICK(rng, seed_company_names));
    json_object *location = jsonu_add_object(employer, "location");
    jsonu_add_string(location, "city", city->city);
    jsonu_add_string(location, "state", city->state);
}

static void
add_supervisor(json_object *history, struct rng *rng, struct store *store)
{
    json_object *supervisor = jsonu_add_object(history, "supervisor");
    char phone[32];

    if (store->contacts.count > 0 && rng_chance(rng, 0.2)) {
        jsonu_add_bool(supervisor, "linked", true);
        jsonu_add_int(supervisor, "contact_id", random_id(rng, &store->contacts));
        return;
    }
    struct person person = pick_person(rng);
    char name[128];

    snprintf(name, sizeof name, "%s %s", person.first, person.last);
    snprintf(phone, sizeof phone, "555-%03ld-%04ld", rng_range(rng, 100, 999), rng_range(rng, 0, 9999));
    jsonu_add_bool(supervisor, "linked", false);
    jsonu_add_string(supervisor, "name", name);
    jsonu_add_string(supervisor, "phone", phone);
}

static void
seed_work_history(struct store *store, long count)
{
    struct rng rng;

    rng_seed(&rng, store->seed, "work_history");
    for (long i = 0; i < count && store->candidates.count > 0; i++) {
        json_object *history = insert_doc(&store->work_history, FIRST_WORK_HISTORY + i);
        bool current = rng_chance(&rng, 0.25);
        int64_t start = days_before(&rng, store->epoch, 4000);

        jsonu_add_string(history, "title", SEED_PICK(&rng, seed_job_titles));
        jsonu_add_int(history, "candidate_id", random_id(&rng, &store->candidates));
        add_employer(history, &rng, store);
        add_supervisor(history, &rng, store);
        jsonu_add_bool(history, "is_verified", rng_chance(&rng, 0.5));
        jsonu_add_bool(history, "is_current", current);
        jsonu_add_date(history, "start_date", start);
        jsonu_add_date(history, "end_date", current ? 0 : start + rng_range(&rng, 90, 1500) * DAY);
        jsonu_add_string(history, "reason_for_leaving", current ? NULL : SEED_PICK(&rng, seed_reasons_for_leaving));
    }
}

static const char *const attachment_names[] = {
    "resume.txt", "CV.md", "cover-letter.txt", "résumé 李.txt", "references.txt",
    "../../.profile", ".hidden-notes.txt", "portfolio\x1b[31m.txt",
};

void
seed_attachment_content(const struct attachment *attachment, char **out, size_t *len)
{
    struct rng rng;
    struct buffer buf = { 0 };
    struct person person;

    rng_seed(&rng, (uint64_t)attachment->id, "attachment-content");
    person = pick_person(&rng);
    buffer_appendf(&buf, "%s %s\n%s\n\nExperience\n", person.first, person.last,
                   SEED_PICK(&rng, seed_job_titles));
    for (long i = rng_range(&rng, 2, 6); i > 0; i--)
        buffer_appendf(&buf, "- %s\n", SEED_PICK(&rng, seed_lorem));
    buffer_appendf(&buf, "\nSkills: %s\nEmail: person%ld@mail.example.net\n",
                   SEED_PICK(&rng, seed_skills), attachment->item_id);
    *out = buf.data;
    *len = buf.len;
}

static void
seed_attachments(struct store *store, long count)
{
    struct rng rng;

    rng_seed(&rng, store->seed, "attachments");
    for (long i = 0; i < count && store->candidates.count > 0; i++) {
        struct attachment *attachment = table_insert(&store->attachments, FIRST_ATTACHMENT + i);
        const char *name = RNG_PICK(&rng, attachment_names);
        char *content;
        size_t len;

        attachment->item_type = ITEM_CANDIDATE;
        attachment->item_id = random_id(&rng, &store->candidates);
        attachment->is_resume = strstr(name, "resume") || strstr(name, "CV") || strstr(name, "résumé");
        attachment->filename = util_xstrdup(name);
        attachment->content_type = strstr(name, ".md") ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8";
        attachment->date_created = days_before(&rng, store->epoch, 500);
        seed_attachment_content(attachment, &content, &len);
        attachment->size = (long)len;
        free(content);
    }
}

/* A data item for a task: mostly candidates, some general tasks. */
static void
pick_task_item(struct store *store, struct rng *rng, long *id, uint8_t *type)
{
    static const uint8_t types[] = { ITEM_NONE, ITEM_NONE, ITEM_CANDIDATE, ITEM_CANDIDATE,
                                     ITEM_CANDIDATE, ITEM_CANDIDATE, ITEM_CANDIDATE,
                                     ITEM_CONTACT, ITEM_CONTACT, ITEM_COMPANY, ITEM_JOB,
                                     ITEM_JOB, ITEM_JOB };
    uint8_t pick = types[rng_below(rng, ARRAY_LEN(types))];
    struct table *table = store_item_table(store, pick);

    *type = pick;
    *id = table ? random_id(rng, table) : 0;
    if (*id == 0)
        *type = ITEM_NONE;
}

/* A very long note: many paragraphs of sentences, about 6 to 12 KB. */
static char *
make_long_note(struct rng *rng)
{
    struct buffer buf = { 0 };
    long paragraphs = rng_range(rng, 40, 80);

    for (long i = 0; i < paragraphs; i++)
        buffer_appendf(&buf, "%s%s", SEED_PICK(rng, seed_lorem), i % 4 == 3 ? "\n\n" : " ");
    return buf.data;
}

/* Every HOSTILE_EVERY-th generated record carries an escape sequence or
 * control character, so even a small data set has some. */
#define HOSTILE_EVERY 97

static char *
make_task_description(struct rng *rng, long index)
{
    char text[256];
    double draw = rng_unit(rng);

    if (index % HOSTILE_EVERY == 13)
        return util_xstrdup(seed_hostile_strings[index / HOSTILE_EVERY % (long)seed_hostile_strings_count]);
    if (index % (HOSTILE_EVERY * 5) == 60)
        return make_long_note(rng);
    if (draw < 0.01)
        return util_xstrdup(SEED_PICK(rng, seed_hostile_strings));
    if (draw < 0.15)
        return util_xstrdup(SEED_PICK(rng, seed_task_plain));

    struct person person = pick_person(rng);
    char name[128];

    snprintf(name, sizeof name, "%s %s", person.first, person.last);
    fill_template(text, sizeof text, SEED_PICK(rng, seed_task_templates), name);
    return util_xstrdup(text);
}

static void
seed_tasks(struct store *store, long count)
{
    static const uint8_t priorities[] = { 1, 2, 3, 3, 3, 4, 5, 5 };
    struct rng rng;

    rng_seed(&rng, store->seed, "tasks");
    for (long i = 0; i < count; i++) {
        struct task *task = table_insert(&store->tasks, FIRST_TASK + i);

        pick_task_item(store, &rng, &task->item_id, &task->item_type);
        task->entered_by_id = random_id(&rng, &store->users);
        task->assigned_to_id = random_id(&rng, &store->users);
        task->description = make_task_description(&rng, i);
        task->priority = priorities[rng_below(&rng, ARRAY_LEN(priorities))];
        task->date_created = days_before(&rng, store->epoch, 365);
        task->date_updated = task->date_created + rng_range(&rng, 0, 20L * DAY);
        if (task->date_updated > store->epoch)
            task->date_updated = store->epoch;
        if (rng_chance(&rng, 0.8))
            task->date_due = store->epoch + (rng_range(&rng, -30L * 96, 60L * 96) * 900);
        task->is_completed = rng_chance(&rng, 0.25);
        if (task->is_completed)
            task->date_completed = task->date_updated;
    }
}

static char *
make_activity_note(struct rng *rng, long index)
{
    double draw = rng_unit(rng);
    char text[512], name[128];

    if (index % HOSTILE_EVERY == 7)
        return util_xstrdup(seed_hostile_strings[index / HOSTILE_EVERY % (long)seed_hostile_strings_count]);
    if (index % HOSTILE_EVERY == 50)
        return make_long_note(rng);
    if (draw < 0.35)
        return NULL;
    if (draw < 0.36)
        return make_long_note(rng);
    if (draw < 0.37)
        return util_xstrdup(SEED_PICK(rng, seed_hostile_strings));
    if (draw < 0.52)
        return util_xstrdup(SEED_PICK(rng, seed_note_plain));

    struct person person = pick_person(rng);

    snprintf(name, sizeof name, "%s %s", person.first, person.last);
    fill_template(text, sizeof text, SEED_PICK(rng, seed_note_templates), name);
    return util_xstrdup(text);
}

static void
seed_activities(struct store *store, long count)
{
    static const uint8_t items[] = { ITEM_CANDIDATE, ITEM_CANDIDATE, ITEM_CANDIDATE,
                                     ITEM_CANDIDATE, ITEM_CONTACT, ITEM_COMPANY };
    struct rng rng;

    rng_seed(&rng, store->seed, "activities");
    for (long i = 0; i < count; i++) {
        struct activity *activity = table_insert(&store->activities, FIRST_ACTIVITY + i);
        uint8_t type = items[rng_below(&rng, ARRAY_LEN(items))];

        activity->item_type = type;
        activity->item_id = random_id(&rng, store_item_table(store, type));
        if (activity->item_id == 0)
            activity->item_type = ITEM_NONE;
        activity->regarding_id = rng_chance(&rng, 0.7) ? random_id(&rng, &store->jobs) : 0;
        activity->type = (uint8_t)rng_below(&rng, ACTIVITY_TYPE_COUNT);
        activity->entered_by_id = random_id(&rng, &store->users);
        activity->notes = make_activity_note(&rng, i);
        if (activity->type == ACTIVITY_OTHER)
            activity->annotation = util_xstrdup(SEED_PICK(&rng, seed_annotations));
        activity->date = days_before(&rng, store->epoch, 400);
        activity->date_created = activity->date;
        activity->date_modified = activity->date + (rng_chance(&rng, 0.2) ? rng_range(&rng, 60, 5L * DAY) : 0);
    }
}

static void
seed_portals(struct store *store, long count)
{
    struct rng rng;

    rng_seed(&rng, store->seed, "portals");
    for (long i = 0; i < count; i++) {
        struct portal *portal = table_insert(&store->portals, FIRST_PORTAL + i);
        long published = store->jobs.count ? rng_range(&rng, 3, 40) : 0;

        portal->name = util_xstrdup(seed_portal_names[i % (long)seed_portal_names_count]);
        portal->date_created = days_before(&rng, store->epoch, 1500);
        for (long j = 0; j < published; j++)
            store_portal_publish(portal, random_id(&rng, &store->jobs));
    }
}

static void
seed_backups(struct store *store, long count)
{
    static const char *const states[] = { "completed", "expired", "failed", "queued",
                                          "running", "completed", "completed", "expired" };
    struct rng rng;

    rng_seed(&rng, store->seed, "backups");
    for (long i = 0; i < count; i++) {
        struct backup *backup = table_insert(&store->backups, FIRST_BACKUP + i);
        const char *state = states[i % (long)ARRAY_LEN(states)];
        long age_days = strcmp(state, "expired") == 0 ? rng_range(&rng, 10, 200) : rng_range(&rng, 0, 6);

        backup->frozen_status = state;
        backup->started_by_id = random_id(&rng, &store->users);
        backup->include_attachments = rng_chance(&rng, 0.3);
        backup->include_emails = rng_chance(&rng, 0.6);
        backup->date_created = store->epoch - age_days * DAY - rng_range(&rng, 0, DAY);
        backup->file_size = rng_range(&rng, 2, 900) * 1048576L + rng_range(&rng, 0, 1048575);
    }
}

static void
seed_webhooks(struct store *store, long count)
{
    struct rng rng;

    rng_seed(&rng, store->seed, "webhooks");
    for (long i = 0; i < count; i++) {
        struct webhook *webhook = table_insert(&store->webhooks, FIRST_WEBHOOK + i);
        char url[128];

        snprintf(url, sizeof url, "https://hooks.example.com/cats/%ld", FIRST_WEBHOOK + i);
        webhook->target_url = util_xstrdup(url);
        webhook->secret = util_xstrdup("seeded-secret");
        webhook->events = (uint32_t)(rng_next(&rng) & ((1u << webhook_event_count) - 1)) | 1u;
        webhook->date_created = days_before(&rng, store->epoch, 300);
    }
}

/* Roots first, then children that point at an earlier tag, so tags nest
 * two or three levels deep. */
static void
seed_tags(struct store *store, long count)
{
    struct rng rng;
    long roots = count < (long)seed_tag_roots_count ? count : (long)seed_tag_roots_count;

    rng_seed(&rng, store->seed, "tags");
    for (long i = 0; i < count; i++) {
        json_object *tag = insert_doc(&store->tags, FIRST_TAG + i);

        if (i < roots) {
            jsonu_add_null(tag, "parent_id");
            jsonu_add_string(tag, "title", seed_tag_roots[i]);
            continue;
        }
        jsonu_add_int(tag, "parent_id", FIRST_TAG + rng_range(&rng, 0, i - 1));
        jsonu_add_string(tag, "title", SEED_PICK(&rng, seed_tag_children));
    }
}

static void
seed_triggers(struct store *store, long count)
{
    struct rng rng;

    rng_seed(&rng, store->seed, "triggers");
    for (long i = 0; i < count; i++) {
        json_object *trigger = insert_doc(&store->triggers, FIRST_TRIGGER + i);

        jsonu_add_string(trigger, "name", seed_trigger_names[i % (long)seed_trigger_names_count]);
        jsonu_add_bool(trigger, "is_required", rng_chance(&rng, 0.3));
        jsonu_add_bool(trigger, "is_enabled_by_default", rng_chance(&rng, 0.6));
        jsonu_add_time(trigger, "date_created", days_before(&rng, store->epoch, 700), 0);
    }
}

struct event_kind {
    const char *name;
    const char *item_kind;
    size_t table_offset;
};

static void
seed_events(struct store *store, long count)
{
    static const struct event_kind kinds[] = {
        { "task.created", "task", offsetof(struct store, tasks) },
        { "task.updated", "task", offsetof(struct store, tasks) },
        { "activity.created", "activity", offsetof(struct store, activities) },
        { "activity.updated", "activity", offsetof(struct store, activities) },
        { "candidate.created", "candidate", offsetof(struct store, candidates) },
        { "candidate.updated", "candidate", offsetof(struct store, candidates) },
        { "job.updated", "job", offsetof(struct store, jobs) },
        { "contact.updated", "contact", offsetof(struct store, contacts) },
    };
    struct rng rng;
    int64_t start = store->epoch - 7L * DAY;

    rng_seed(&rng, store->seed, "events");
    for (long i = 0; i < count; i++) {
        const struct event_kind *kind = &kinds[rng_below(&rng, ARRAY_LEN(kinds))];
        const struct table *table = (const struct table *)((const char *)store + kind->table_offset);
        struct event *event = table_insert(&store->events, i + 1);

        event->timestamp = start + (int64_t)((7.0 * DAY) * (double)i / (double)count);
        event->name = kind->name;
        event->item_kind = kind->item_kind;
        event->item_id = random_id(&rng, table);
    }
}

static void
seed_site(struct store *store)
{
    store->site = json_object_new_object();
    jsonu_add_int(store->site, "id", 31337);
    jsonu_add_string(store->site, "name", "Sandbox Staffing (cats-sandbox)");
    jsonu_add_string(store->site, "subdomain", "sandbox");
    jsonu_add_string(store->site, "mode", "recruiter");
}

void
seed_store(struct store *store, const long sizes[RES_COUNT])
{
    seed_users(store, sizes[RES_USERS]);
    seed_companies(store, sizes[RES_COMPANIES]);
    seed_contacts(store, sizes[RES_CONTACTS]);
    seed_jobs(store, sizes[RES_JOBS]);
    seed_candidates(store, sizes[RES_CANDIDATES]);
    seed_examples(store);
    seed_work_history(store, sizes[RES_WORK_HISTORY]);
    seed_attachments(store, sizes[RES_ATTACHMENTS]);
    seed_tasks(store, sizes[RES_TASKS]);
    seed_activities(store, sizes[RES_ACTIVITIES]);
    seed_portals(store, sizes[RES_PORTALS]);
    seed_backups(store, sizes[RES_BACKUPS]);
    seed_webhooks(store, sizes[RES_WEBHOOKS]);
    seed_tags(store, sizes[RES_TAGS]);
    seed_triggers(store, sizes[RES_TRIGGERS]);
    seed_events(store, sizes[RES_EVENTS]);
    seed_site(store);
}
