/* validate.c: value checks for request bodies, with CATS-style messages. */
#include "config.h"

#include <stdio.h>

#include "validate.h"

bool
validate_positive_id(json_object *value, const char *field, struct errors *errors, long *out)
{
    if (value == NULL || !json_object_is_type(value, json_type_int) || json_object_get_int64(value) <= 0) {
        errors_add(errors, "%s must be positive", field);
        return false;
    }
    *out = (long)json_object_get_int64(value);
    return true;
}

bool
validate_id_or_null(json_object *value, const char *field, struct errors *errors, long *out)
{
    if (value == NULL) {
        *out = 0;
        return true;
    }
    return validate_positive_id(value, field, errors, out);
}

bool
validate_string(json_object *value, const char *field, bool non_empty, struct errors *errors,
                const char **out)
{
    if (value == NULL || !json_object_is_type(value, json_type_string)) {
        errors_add(errors, "%s must be a string", field);
        return false;
    }
    if (non_empty && json_object_get_string_len(value) == 0) {
        errors_add(errors, "%s must not be empty", field);
        return false;
    }
    *out = json_object_get_string(value);
    return true;
}

bool
validate_string_or_null(json_object *value, const char *field, struct errors *errors,
                        const char **out)
{
    if (value == NULL) {
        *out = NULL;
        return true;
    }
    return validate_string(value, field, false, errors, out);
}

bool
validate_bool(json_object *value, const char *field, struct errors *errors, bool *out)
{
    if (value == NULL || !json_object_is_type(value, json_type_boolean)) {
        errors_add(errors, "%s must be of type boolean", field);
        return false;
    }
    *out = json_object_get_boolean(value);
    return true;
}

bool
validate_time_or_null(json_object *value, const char *field, struct errors *errors, int64_t *out)
{
    if (value == NULL) {
        *out = 0;
        return true;
    }
    if (!json_object_is_type(value, json_type_string)
        || !util_parse_time(json_object_get_string(value), out)) {
        errors_add(errors, "%s must be an RFC 3339 date-time such as 2024-03-30T00:48:55+00:00", field);
        return false;
    }
    return true;
}

bool
validate_date_or_null(json_object *value, const char *field, struct errors *errors, int64_t *out)
{
    if (value == NULL) {
        *out = 0;
        return true;
    }
    if (!json_object_is_type(value, json_type_string)
        || !util_parse_date(json_object_get_string(value), out)) {
        errors_add(errors, "%s must be a date such as 2020-01-15", field);
        return false;
    }
    return true;
}

bool
validate_data_item(struct store *store, json_object *value, const char *field,
                   struct errors *errors, long *id, uint8_t *type)
{
    json_object *id_value = NULL, *type_value = NULL;
    enum item_type parsed;

    *id = 0;
    *type = ITEM_NONE;
    if (value == NULL)
        return true;
    if (!json_object_is_type(value, json_type_object)) {
        errors_add(errors, "%s must be an object {\"id\": N, \"type\": \"candidate\"} or null", field);
        return false;
    }
    json_object_object_get_ex(value, "type", &type_value);
    if (type_value == NULL || !json_object_is_type(type_value, json_type_string)
        || !store_item_type_parse(json_object_get_string(type_value), &parsed)) {
        errors_add(errors, "%s.type must be one of candidate, contact, company, job", field);
        return false;
    }
    json_object_object_get_ex(value, "id", &id_value);
    char id_field[64];

    snprintf(id_field, sizeof id_field, "%s.id", field);
    if (!validate_positive_id(id_value, id_field, errors, id))
        return false;
    if (!table_find(store_item_table(store, parsed), *id)) {
        errors_add(errors, "%s: no %s has id %ld", field, store_item_type_name(parsed), *id);
        return false;
    }
    *type = (uint8_t)parsed;
    return true;
}

long
validate_api_user(const struct store *store)
{
    if (table_find(&store->users, 1001))
        return 1001;
    return store->users.count ? *(const long *)table_at(&store->users, 0) : 0;
}
