/* validate.h: checks for the values of request bodies.  Each checker adds
 * a message naming the field to errors and returns false when the value is
 * wrong, or stores the value and returns true.  json-c values are borrowed. */
#ifndef SANDBOX_VALIDATE_H
#define SANDBOX_VALIDATE_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>

#include "server.h"

bool validate_positive_id(json_object *value, const char *field, struct errors *errors, long *out);

/* An id or null (stored as 0). */
bool validate_id_or_null(json_object *value, const char *field, struct errors *errors, long *out);

/* A string, or null when allowed (non_empty=false also allows ""). */
bool validate_string(json_object *value, const char *field, bool non_empty, struct errors *errors,
                     const char **out);
bool validate_string_or_null(json_object *value, const char *field, struct errors *errors,
                             const char **out);
bool validate_bool(json_object *value, const char *field, struct errors *errors, bool *out);

/* An RFC 3339 date-time, or null (stored as 0). */
bool validate_time_or_null(json_object *value, const char *field, struct errors *errors, int64_t *out);

/* A calendar date "YYYY-MM-DD", or null (stored as 0). */
bool validate_date_or_null(json_object *value, const char *field, struct errors *errors, int64_t *out);

/* A data item {id, type} that exists, or null (stored as id 0). */
bool validate_data_item(struct store *store, json_object *value, const char *field,
                        struct errors *errors, long *id, uint8_t *type);

/* The user that the API key acts as: user 1001 when seeded, else the first. */
long validate_api_user(const struct store *store);

#endif
