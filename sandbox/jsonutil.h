/* jsonutil.h: short forms for adding CATS-shaped values to json-c objects.
 * Each adds a new value to obj under key (obj takes ownership of it). */
#ifndef SANDBOX_JSONUTIL_H
#define SANDBOX_JSONUTIL_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>

/* A string, or null when value is NULL. */
void jsonu_add_string(json_object *obj, const char *key, const char *value);
void jsonu_add_int(json_object *obj, const char *key, long value);
/* An integer, or null when value is 0 (ids that are optional). */
void jsonu_add_id_or_null(json_object *obj, const char *key, long value);
void jsonu_add_bool(json_object *obj, const char *key, bool value);
void jsonu_add_null(json_object *obj, const char *key);
/* An RFC 3339 date-time at the given UTC offset in minutes, or null when t is 0. */
void jsonu_add_time(json_object *obj, const char *key, int64_t t, int offset_minutes);
/* A calendar date "YYYY-MM-DD", or null when t is 0. */
void jsonu_add_date(json_object *obj, const char *key, int64_t t);
/* A new empty object or array added under key; returns it (still owned by obj). */
json_object *jsonu_add_object(json_object *obj, const char *key);
json_object *jsonu_add_array(json_object *obj, const char *key);

/* Field readers that accept a missing key: they return false when it is absent. */
bool jsonu_get(json_object *obj, const char *key, json_object **value);
/* The string at key, or NULL when missing, null or not a string. */
const char *jsonu_string(json_object *obj, const char *key);
/* The integer at key, or fallback when missing or not an integer. */
long jsonu_long(json_object *obj, const char *key, long fallback);

#endif
