/* settings.c: fault and quirk settings, their field tables and JSON forms. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"
#include "util.h"

enum field_type {
    FIELD_LONG,
    FIELD_RATE,
    FIELD_TEXT,
};

struct fault_field {
    const char *name;
    enum field_type type;
    size_t offset;
    long max;
    const char *help;
};

#define FAULT(name, type, max, help) { #name, type, offsetof(struct fault_settings, name), max, help }

static const struct fault_field fault_fields[] = {
    FAULT(latency_ms, FIELD_LONG, 600000, "milliseconds added to every response"),
    FAULT(jitter_ms, FIELD_LONG, 600000, "plus a random 0 to N milliseconds"),
    FAULT(error_rate, FIELD_RATE, 0, "share (0 to 1) of requests answered 500 with an HTML page"),
    FAULT(throttle_burst, FIELD_LONG, 100000000, "answer the next N requests 429 Too Many Requests"),
    FAULT(throttle_retry_after, FIELD_LONG, 86400, "Retry-After seconds sent with those 429s (default 30)"),
    FAULT(malformed_rate, FIELD_RATE, 0, "share of JSON bodies cut in half: invalid JSON, full length"),
    FAULT(truncate_rate, FIELD_RATE, 0, "share of bodies that end halfway, short of Content-Length"),
    FAULT(disconnect_rate, FIELD_RATE, 0, "share of requests whose connection closes with no response"),
    FAULT(stall_rate, FIELD_RATE, 0, "share of requests that wait stall_ms before answering"),
    FAULT(stall_ms, FIELD_LONG, 3600000, "how long a stalled response waits (default 30000)"),
    FAULT(fault_path, FIELD_TEXT, 0, "apply faults only to API paths that start with this, e.g. /tasks"),
};

static const char *const quirk_names[QUIRK_COUNT] = {
    [QUIRK_TOTAL_NULL] = "total_null",
    [QUIRK_HREF_NO_SLASH] = "href_no_slash",
    [QUIRK_STRING_ID] = "string_id",
    [QUIRK_MIXED_OFFSETS] = "mixed_offsets",
};

static const char *const quirk_flag_names[QUIRK_COUNT] = {
    [QUIRK_TOTAL_NULL] = "total-null",
    [QUIRK_HREF_NO_SLASH] = "href-no-slash",
    [QUIRK_STRING_ID] = "string-id",
    [QUIRK_MIXED_OFFSETS] = "mixed-offsets",
};

void
settings_default_faults(struct fault_settings *faults)
{
    memset(faults, 0, sizeof *faults);
    faults->throttle_retry_after = 30;
    faults->stall_ms = 30000;
}

void
settings_init(struct settings *settings, const struct fault_settings *faults,
              const bool quirks[QUIRK_COUNT], unsigned long seed)
{
    pthread_mutex_init(&settings->lock, NULL);
    settings->faults = *faults;
    memcpy(settings->quirks, quirks, sizeof settings->quirks);
    rng_seed(&settings->rng, seed, "faults");
}

void
settings_destroy(struct settings *settings)
{
    pthread_mutex_destroy(&settings->lock);
}

/* Compares a JSON name with a flag or JSON name, '-' matching '_'. */
static bool
names_match(const char *canonical, const char *name)
{
    for (; *canonical && *name; canonical++, name++) {
        char c = *name == '-' ? '_' : *name;

        if (c != *canonical)
            return false;
    }
    return *canonical == *name;
}

static const struct fault_field *
find_fault_field(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(fault_fields); i++)
        if (names_match(fault_fields[i].name, name))
            return &fault_fields[i];
    return NULL;
}

bool
settings_is_fault(const char *name)
{
    return find_fault_field(name) != NULL;
}

static int
set_long(const struct fault_field *field, struct fault_settings *faults, long value,
         char *err, size_t err_size)
{
    if (value < 0 || value > field->max) {
        snprintf(err, err_size, "%s must be an integer from 0 to %ld, not %ld", field->name,
                 field->max, value);
        return -1;
    }
    *(long *)((char *)faults + field->offset) = value;
    return 0;
}

static int
set_rate(const struct fault_field *field, struct fault_settings *faults, double value,
         char *err, size_t err_size)
{
    if (!(value >= 0.0 && value <= 1.0)) {
        snprintf(err, err_size, "%s must be a share from 0 to 1, such as 0.25", field->name);
        return -1;
    }
    *(double *)((char *)faults + field->offset) = value;
    return 0;
}

static int
set_text(const struct fault_field *field, struct fault_settings *faults, const char *value,
         char *err, size_t err_size)
{
    char *slot = (char *)faults + field->offset;

    if (strlen(value) >= sizeof faults->fault_path) {
        snprintf(err, err_size, "%s must be shorter than %zu bytes", field->name,
                 sizeof faults->fault_path);
        return -1;
    }
    memcpy(slot, value, strlen(value) + 1);
    return 0;
}

int
settings_set_fault_text(struct fault_settings *faults, const char *name, const char *value,
                        char *err, size_t err_size)
{
    const struct fault_field *field = find_fault_field(name);
    char *end;

    if (field == NULL)
        return 1;
    if (field->type == FIELD_TEXT)
        return set_text(field, faults, value, err, err_size);

    errno = 0;
    if (field->type == FIELD_RATE) {
        double rate = strtod(value, &end);

        if (errno || end == value || *end)
            rate = -1;
        return set_rate(field, faults, rate, err, err_size);
    }
    long number = strtol(value, &end, 10);

    if (errno || end == value || *end)
        number = -1;
    return set_long(field, faults, number, err, err_size);
}

static int
set_fault_json(struct fault_settings *faults, const char *key, json_object *value,
               char *err, size_t err_size)
{
    const struct fault_field *field = find_fault_field(key);

    if (field == NULL) {
        snprintf(err, err_size, "'%s' is not a fault; GET /_sandbox/faults lists them", key);
        return -1;
    }
    switch (field->type) {
    case FIELD_LONG:
        if (!json_object_is_type(value, json_type_int))
            return set_long(field, faults, -1, err, err_size);
        return set_long(field, faults, (long)json_object_get_int64(value), err, err_size);
    case FIELD_RATE:
        if (!json_object_is_type(value, json_type_int) && !json_object_is_type(value, json_type_double))
            return set_rate(field, faults, -1, err, err_size);
        return set_rate(field, faults, json_object_get_double(value), err, err_size);
    case FIELD_TEXT:
        if (!json_object_is_type(value, json_type_string)) {
            snprintf(err, err_size, "%s must be a string", field->name);
            return -1;
        }
        return set_text(field, faults, json_object_get_string(value), err, err_size);
    }
    return -1;
}

int
settings_apply_faults(struct settings *settings, json_object *body, char *err, size_t err_size)
{
    struct fault_settings copy;
    int status = 0;

    pthread_mutex_lock(&settings->lock);
    copy = settings->faults;
    json_object_object_foreach(body, key, value) {
        status = set_fault_json(&copy, key, value, err, err_size);
        if (status != 0)
            break;
    }
    if (status == 0)
        settings->faults = copy;
    pthread_mutex_unlock(&settings->lock);
    return status;
}

json_object *
settings_faults_json(struct settings *settings)
{
    json_object *obj = json_object_new_object();

    pthread_mutex_lock(&settings->lock);
    for (size_t i = 0; i < ARRAY_LEN(fault_fields); i++) {
        const struct fault_field *field = &fault_fields[i];
        const char *slot = (const char *)&settings->faults + field->offset;
        json_object *value = NULL;

        if (field->type == FIELD_LONG)
            value = json_object_new_int64(*(const long *)slot);
        else if (field->type == FIELD_RATE)
            value = json_object_new_double(*(const double *)slot);
        else
            value = json_object_new_string(slot);
        json_object_object_add(obj, field->name, value);
    }
    pthread_mutex_unlock(&settings->lock);
    return obj;
}

int
settings_quirk_index(const char *name)
{
    for (int i = 0; i < QUIRK_COUNT; i++)
        if (names_match(quirk_names[i], name))
            return i;
    return -1;
}

const char *
settings_quirk_flag_name(enum quirk quirk)
{
    return quirk_flag_names[quirk];
}

json_object *
settings_quirks_json(struct settings *settings)
{
    json_object *obj = json_object_new_object();

    pthread_mutex_lock(&settings->lock);
    for (int i = 0; i < QUIRK_COUNT; i++)
        json_object_object_add(obj, quirk_names[i], json_object_new_boolean(settings->quirks[i]));
    pthread_mutex_unlock(&settings->lock);
    return obj;
}

int
settings_apply_quirks(struct settings *settings, json_object *body, char *err, size_t err_size)
{
    bool copy[QUIRK_COUNT];
    int status = 0;

    pthread_mutex_lock(&settings->lock);
    memcpy(copy, settings->quirks, sizeof copy);
    json_object_object_foreach(body, key, value) {
        int index = settings_quirk_index(key);

        if (index < 0 || !json_object_is_type(value, json_type_boolean)) {
            snprintf(err, err_size, index < 0 ? "'%s' is not a quirk; known: total_null, href_no_slash, string_id, mixed_offsets"
                                              : "%s must be true or false", key);
            status = -1;
            break;
        }
        copy[index] = json_object_get_boolean(value);
    }
    if (status == 0)
        memcpy(settings->quirks, copy, sizeof copy);
    pthread_mutex_unlock(&settings->lock);
    return status;
}

void
settings_quirks(struct settings *settings, bool out[QUIRK_COUNT])
{
    pthread_mutex_lock(&settings->lock);
    memcpy(out, settings->quirks, sizeof settings->quirks);
    pthread_mutex_unlock(&settings->lock);
}

void
settings_plan(struct settings *settings, const char *api_path, struct fault_plan *plan)
{
    struct fault_settings *faults = &settings->faults;
    struct rng *rng = &settings->rng;

    memset(plan, 0, sizeof *plan);
    pthread_mutex_lock(&settings->lock);
    if (strncmp(api_path, faults->fault_path, strlen(faults->fault_path)) != 0) {
        pthread_mutex_unlock(&settings->lock);
        return;
    }

    plan->delay_ms = faults->latency_ms;
    if (faults->jitter_ms > 0)
        plan->delay_ms += (long)rng_below(rng, (uint32_t)faults->jitter_ms + 1);
    if (faults->throttle_burst > 0) {
        faults->throttle_burst--;
        plan->throttle = true;
        plan->retry_after = faults->throttle_retry_after;
    }
    plan->disconnect = rng_chance(rng, faults->disconnect_rate);
    plan->server_error = rng_chance(rng, faults->error_rate);
    if (rng_chance(rng, faults->stall_rate))
        plan->stall_ms = faults->stall_ms;
    plan->malformed = rng_chance(rng, faults->malformed_rate);
    plan->truncate = rng_chance(rng, faults->truncate_rate);
    pthread_mutex_unlock(&settings->lock);
}

void
settings_print_fault_usage(FILE *out)
{
    for (size_t i = 0; i < ARRAY_LEN(fault_fields); i++) {
        char flag[64];
        const char *arg = fault_fields[i].type == FIELD_RATE ? "SHARE"
                          : fault_fields[i].type == FIELD_TEXT ? "PATH" : "N";

        snprintf(flag, sizeof flag, "--%s %s", fault_fields[i].name, arg);
        for (char *p = flag + 2; *p && *p != ' '; p++)
            if (*p == '_')
                *p = '-';
        fprintf(out, "  %-28s %s\n", flag, fault_fields[i].help);
    }
}
