/* jsonutil.c: helpers that add CATS-shaped values to json-c objects. */
#include "config.h"

#include "jsonutil.h"
#include "util.h"

void
jsonu_add_string(json_object *obj, const char *key, const char *value)
{
    json_object_object_add(obj, key, value ? json_object_new_string(value) : NULL);
}

void
jsonu_add_int(json_object *obj, const char *key, long value)
{
    json_object_object_add(obj, key, json_object_new_int64(value));
}

void
jsonu_add_id_or_null(json_object *obj, const char *key, long value)
{
    json_object_object_add(obj, key, value ? json_object_new_int64(value) : NULL);
}

void
jsonu_add_bool(json_object *obj, const char *key, bool value)
{
    json_object_object_add(obj, key, json_object_new_boolean(value));
}

void
jsonu_add_null(json_object *obj, const char *key)
{
    json_object_object_add(obj, key, NULL);
}

void
jsonu_add_time(json_object *obj, const char *key, int64_t t, int offset_minutes)
{
    char text[UTIL_TIME_SIZE];

    if (t == 0) {
        jsonu_add_null(obj, key);
        return;
    }
    util_format_time(t, offset_minutes, text);
    jsonu_add_string(obj, key, text);
}

void
jsonu_add_date(json_object *obj, const char *key, int64_t t)
{
    char text[UTIL_DATE_SIZE];

    if (t == 0) {
        jsonu_add_null(obj, key);
        return;
    }
    util_format_date(t, text);
    jsonu_add_string(obj, key, text);
}

json_object *
jsonu_add_object(json_object *obj, const char *key)
{
    json_object *child = json_object_new_object();

    json_object_object_add(obj, key, child);
    return child;
}

json_object *
jsonu_add_array(json_object *obj, const char *key)
{
    json_object *child = json_object_new_array();

    json_object_object_add(obj, key, child);
    return child;
}

bool
jsonu_get(json_object *obj, const char *key, json_object **value)
{
    return obj && json_object_is_type(obj, json_type_object)
           && json_object_object_get_ex(obj, key, value);
}

const char *
jsonu_string(json_object *obj, const char *key)
{
    json_object *value;

    if (!jsonu_get(obj, key, &value) || !json_object_is_type(value, json_type_string))
        return NULL;
    return json_object_get_string(value);
}

long
jsonu_long(json_object *obj, const char *key, long fallback)
{
    json_object *value;

    if (!jsonu_get(obj, key, &value) || !json_object_is_type(value, json_type_int))
        return fallback;
    return (long)json_object_get_int64(value);
}
