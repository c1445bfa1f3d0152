/* settings.h: the behaviour that can be switched while the sandbox runs:
 * injected faults and CATS's quirks.  The same field tables drive the
 * command-line flags, GET/PUT /_sandbox/faults and /_sandbox/quirks, and
 * the usage text, so a name means the same thing everywhere ("latency_ms"
 * in JSON is --latency-ms on the command line). */
#ifndef SANDBOX_SETTINGS_H
#define SANDBOX_SETTINGS_H

#include <json-c/json.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rng.h"

struct fault_settings {
    long latency_ms;          /* added to every response */
    long jitter_ms;           /* plus a uniform random 0..jitter_ms */
    double error_rate;        /* share of requests that get a 500 with an HTML body */
    long throttle_burst;      /* the next N requests get 429, counting down */
    long throttle_retry_after;/* Retry-After seconds sent with those 429s */
    double malformed_rate;    /* share of JSON bodies cut in half (invalid JSON, full length) */
    double truncate_rate;     /* share of bodies that stop halfway, short of Content-Length */
    double disconnect_rate;   /* share of requests whose connection closes with no response */
    double stall_rate;        /* share of requests that wait stall_ms before the response */
    long stall_ms;
    char fault_path[128];     /* faults apply only to API paths starting with this ("" = all) */
};

enum quirk {
    QUIRK_TOTAL_NULL,         /* list envelopes send "total": null */
    QUIRK_HREF_NO_SLASH,      /* record links lose their leading slash */
    QUIRK_STRING_ID,          /* record ids are sent as strings */
    QUIRK_MIXED_OFFSETS,      /* activity dates are sent at -05:00, the rest at +00:00 */
    QUIRK_COUNT,
};

/* The faults applied to one request, drawn from the settings. */
struct fault_plan {
    long delay_ms;
    long stall_ms;
    bool throttle;
    long retry_after;
    bool disconnect;
    bool server_error;
    bool malformed;
    bool truncate;
};

struct settings {
    pthread_mutex_t lock;
    struct fault_settings faults;
    bool quirks[QUIRK_COUNT];
    struct rng rng;
};

void settings_init(struct settings *settings, const struct fault_settings *faults,
                   const bool quirks[QUIRK_COUNT], unsigned long seed);
void settings_destroy(struct settings *settings);

/* Fault settings with every fault off. */
void settings_default_faults(struct fault_settings *faults);

/* Sets one fault by its JSON name ("latency_ms") or flag name
 * ("latency-ms") from text.  Returns 0, 1 when the name is not a fault,
 * or -1 with a message in err when the value is invalid. */
int settings_set_fault_text(struct fault_settings *faults, const char *name, const char *value,
                            char *err, size_t err_size);

/* True when name is a fault's JSON or flag name. */
bool settings_is_fault(const char *name);

/* Looks a quirk up by flag name ("total-null") or JSON name ("total_null").
 * Returns its index, or -1. */
int settings_quirk_index(const char *name);
const char *settings_quirk_flag_name(enum quirk quirk);

/* Draws the plan for a request to api_path (the path after /v3). */
void settings_plan(struct settings *settings, const char *api_path, struct fault_plan *plan);

/* A snapshot of the quirks in force. */
void settings_quirks(struct settings *settings, bool out[QUIRK_COUNT]);

/* The current faults or quirks as a JSON object (caller owns it). */
json_object *settings_faults_json(struct settings *settings);
json_object *settings_quirks_json(struct settings *settings);

/* Applies a JSON object of faults or quirks, all or nothing.  Returns 0, or
 * -1 with a message naming the field in err. */
int settings_apply_faults(struct settings *settings, json_object *body, char *err, size_t err_size);
int settings_apply_quirks(struct settings *settings, json_object *body, char *err, size_t err_size);

/* Writes the fault flags with their help text, for --help. */
void settings_print_fault_usage(FILE *out);

#endif
