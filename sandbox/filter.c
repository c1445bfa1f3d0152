/* filter.c: compiles and evaluates activity filters. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "util.h"

enum filter_op {
    OP_EXACTLY,
    OP_CONTAINS,
    OP_BETWEEN,
    OP_GREATER_THAN,
    OP_LESS_THAN,
    OP_IS_EMPTY,
    OP_COUNT,
};

static const char *const op_names[OP_COUNT] = {
    "exactly", "contains", "between", "greater_than", "less_than", "is_empty",
};

enum value_kind {
    KIND_NUMBER,            /* ids: compared as integers */
    KIND_WORD,              /* enum-like strings: exactly */
    KIND_TEXT,              /* free text: contains, exactly */
    KIND_DATE,              /* RFC 3339 date-times */
};

#define OPS(...) ((unsigned)(__VA_ARGS__))
#define BIT(op) (1u << (op))

struct field {
    const char *name;
    enum value_kind kind;
    unsigned ops;
    long (*number)(const struct activity *a);
    const char *(*text)(const struct activity *a);
};

static long get_id(const struct activity *a) { return a->id; }
static long get_item_id(const struct activity *a) { return a->item_id; }
static long get_regarding(const struct activity *a) { return a->regarding_id; }
static long get_entered_by(const struct activity *a) { return a->entered_by_id; }
static long get_date(const struct activity *a) { return (long)a->date; }
static long get_created(const struct activity *a) { return (long)a->date_created; }
static long get_modified(const struct activity *a) { return (long)a->date_modified; }
static const char *get_item_type(const struct activity *a) { return store_item_type_name(a->item_type); }
static const char *get_type(const struct activity *a) { return store_activity_type_name(a->type); }
static const char *get_notes(const struct activity *a) { return a->notes; }

#define NUMBER_OPS OPS(BIT(OP_GREATER_THAN) | BIT(OP_LESS_THAN) | BIT(OP_BETWEEN) | BIT(OP_EXACTLY) | BIT(OP_IS_EMPTY))
#define DATE_OPS OPS(BIT(OP_GREATER_THAN) | BIT(OP_LESS_THAN) | BIT(OP_BETWEEN) | BIT(OP_IS_EMPTY))

static const struct field fields[] = {
    { "id", KIND_NUMBER, NUMBER_OPS, get_id, NULL },
    { "data_item.id", KIND_NUMBER, NUMBER_OPS, get_item_id, NULL },
    { "regarding_id", KIND_NUMBER, NUMBER_OPS, get_regarding, NULL },
    { "entered_by_id", KIND_NUMBER, NUMBER_OPS, get_entered_by, NULL },
    { "data_item.type", KIND_WORD, OPS(BIT(OP_EXACTLY) | BIT(OP_IS_EMPTY)), NULL, get_item_type },
    { "type", KIND_WORD, OPS(BIT(OP_EXACTLY) | BIT(OP_IS_EMPTY)), NULL, get_type },
    { "notes", KIND_TEXT, OPS(BIT(OP_CONTAINS) | BIT(OP_EXACTLY) | BIT(OP_IS_EMPTY)), NULL, get_notes },
    { "date", KIND_DATE, DATE_OPS, get_date, NULL },
    { "date_created", KIND_DATE, DATE_OPS, get_created, NULL },
    { "date_modified", KIND_DATE, DATE_OPS, get_modified, NULL },
};

enum node_type {
    NODE_CONDITION,
    NODE_AND,
    NODE_OR,
    NODE_NOT,
};

struct filter {
    enum node_type type;
    const struct field *field;
    enum filter_op op;
    long low, high;         /* numbers and dates (Unix seconds) */
    char *text;
    struct filter **children;
    size_t child_count;
};

void
filter_free(struct filter *filter)
{
    if (filter == NULL)
        return;
    for (size_t i = 0; i < filter->child_count; i++)
        filter_free(filter->children[i]);
    free(filter->children);
    free(filter->text);
    free(filter);
}

static const struct field *
find_field(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(fields); i++)
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    return NULL;
}

static int
find_op(const char *name)
{
    for (int i = 0; i < OP_COUNT; i++)
        if (strcmp(op_names[i], name) == 0)
            return i;
    return -1;
}

/* Reads a number, or a date-time for date fields. */
static bool
read_scalar(const struct field *field, json_object *value, long *out)
{
    if (field->kind == KIND_DATE) {
        int64_t t;

        if (!json_object_is_type(value, json_type_string) || !util_parse_time(json_object_get_string(value), &t))
            return false;
        *out = (long)t;
        return true;
    }
    if (!json_object_is_type(value, json_type_int))
        return false;
    *out = (long)json_object_get_int64(value);
    return true;
}

static bool
read_value(struct filter *node, json_object *value, char *err, size_t err_size)
{
    const char *name = node->field->name;
    const char *expected = node->field->kind == KIND_DATE ? "an RFC 3339 date-time" : "an integer";
    json_object *gte, *lte;

    switch (node->op) {
    case OP_IS_EMPTY:
        if (json_object_is_type(value, json_type_boolean) && json_object_get_boolean(value))
            return true;
        snprintf(err, err_size, "the value of is_empty on %s must be true", name);
        return false;
    case OP_BETWEEN:
        if (json_object_object_get_ex(value, "gte", &gte) && json_object_object_get_ex(value, "lte", &lte)
            && read_scalar(node->field, gte, &node->low) && read_scalar(node->field, lte, &node->high))
            return true;
        snprintf(err, err_size, "the value of between on %s must be {\"gte\": x, \"lte\": y} with %s each", name, expected);
        return false;
    case OP_GREATER_THAN:
    case OP_LESS_THAN:
        if (read_scalar(node->field, value, &node->low))
            return true;
        snprintf(err, err_size, "the value of %s on %s must be %s", op_names[node->op], name, expected);
        return false;
    default:
        break;
    }
    if (node->field->kind == KIND_NUMBER) {
        if (read_scalar(node->field, value, &node->low))
            return true;
        snprintf(err, err_size, "the value of exactly on %s must be an integer", name);
        return false;
    }
    if (!json_object_is_type(value, json_type_string)) {
        snprintf(err, err_size, "the value of %s on %s must be a string", op_names[node->op], name);
        return false;
    }
    node->text = util_xstrdup(json_object_get_string(value));
    return true;
}

static struct filter *
compile_condition(json_object *body, char *err, size_t err_size)
{
    const char *field_name = NULL, *op_name = NULL;
    json_object *field = NULL, *op = NULL, *value = NULL;
    struct filter *node;
    int op_index;

    json_object_object_get_ex(body, "field", &field);
    json_object_object_get_ex(body, "filter", &op);
    json_object_object_get_ex(body, "value", &value);
    field_name = json_object_is_type(field, json_type_string) ? json_object_get_string(field) : NULL;
    op_name = json_object_is_type(op, json_type_string) ? json_object_get_string(op) : NULL;
    if (field_name == NULL || op_name == NULL) {
        snprintf(err, err_size, "a condition needs \"field\", \"filter\" and \"value\"");
        return NULL;
    }
    if (find_field(field_name) == NULL) {
        snprintf(err, err_size, "field '%s' cannot be filtered; use id, data_item.id, data_item.type, regarding_id, entered_by_id, type, notes, date, date_created or date_modified", field_name);
        return NULL;
    }
    op_index = find_op(op_name);
    if (op_index < 0 || !(find_field(field_name)->ops & BIT(op_index))) {
        snprintf(err, err_size, "filter '%s' is not allowed on field '%s'", op_name, field_name);
        return NULL;
    }

    node = util_xcalloc(1, sizeof *node);
    node->type = NODE_CONDITION;
    node->field = find_field(field_name);
    node->op = (enum filter_op)op_index;
    if (!read_value(node, value, err, err_size)) {
        filter_free(node);
        return NULL;
    }
    return node;
}

static struct filter *compile_node(json_object *body, int depth, char *err, size_t err_size);

static struct filter *
compile_list(enum node_type type, json_object *list, int depth, char *err, size_t err_size)
{
    struct filter *node;
    size_t count;

    if (!json_object_is_type(list, json_type_array) || json_object_array_length(list) == 0) {
        snprintf(err, err_size, "\"%s\" must be a non-empty array of conditions", type == NODE_AND ? "and" : "or");
        return NULL;
    }
    count = json_object_array_length(list);
    node = util_xcalloc(1, sizeof *node);
    node->type = type;
    node->children = util_xcalloc(count, sizeof *node->children);
    for (size_t i = 0; i < count; i++) {
        node->children[i] = compile_node(json_object_array_get_idx(list, i), depth + 1, err, err_size);
        node->child_count = i + 1;
        if (node->children[i] == NULL) {
            filter_free(node);
            return NULL;
        }
    }
    return node;
}

static struct filter *
compile_node(json_object *body, int depth, char *err, size_t err_size)
{
    json_object *child;

    if (depth > 32 || !json_object_is_type(body, json_type_object)) {
        snprintf(err, err_size, depth > 32 ? "the filter nests deeper than 32 levels"
                                           : "each filter node must be a JSON object");
        return NULL;
    }
    if (json_object_object_get_ex(body, "and", &child))
        return compile_list(NODE_AND, child, depth, err, err_size);
    if (json_object_object_get_ex(body, "or", &child))
        return compile_list(NODE_OR, child, depth, err, err_size);
    if (json_object_object_get_ex(body, "not", &child)) {
        struct filter *inner = compile_node(child, depth + 1, err, err_size);
        struct filter *node;

        if (inner == NULL)
            return NULL;
        node = util_xcalloc(1, sizeof *node);
        node->type = NODE_NOT;
        node->children = util_xcalloc(1, sizeof *node->children);
        node->children[0] = inner;
        node->child_count = 1;
        return node;
    }
    return compile_condition(body, err, err_size);
}

struct filter *
filter_compile(json_object *body, char *err, size_t err_size)
{
    return compile_node(body, 0, err, err_size);
}

bool
filter_text_contains(const char *text, const char *needle)
{
    return text != NULL && strcasestr(text, needle) != NULL;
}

static bool
match_condition(const struct filter *node, const struct activity *activity)
{
    const struct field *field = node->field;
    long number = field->number ? field->number(activity) : 0;
    const char *text = field->text ? field->text(activity) : NULL;

    switch (node->op) {
    case OP_IS_EMPTY:
        return field->number ? number == 0 : (text == NULL || *text == '\0');
    case OP_BETWEEN:
        return number != 0 && number >= node->low && number <= node->high;
    case OP_GREATER_THAN:
        return number != 0 && number > node->low;
    case OP_LESS_THAN:
        return number != 0 && number < node->low;
    case OP_CONTAINS:
        return filter_text_contains(text, node->text);
    case OP_EXACTLY:
        return field->number ? number == node->low : (text && strcmp(text, node->text) == 0);
    default:
        return false;
    }
}

bool
filter_match(const struct filter *filter, const struct activity *activity)
{
    switch (filter->type) {
    case NODE_CONDITION:
        return match_condition(filter, activity);
    case NODE_NOT:
        return !filter_match(filter->children[0], activity);
    case NODE_AND:
        for (size_t i = 0; i < filter->child_count; i++)
            if (!filter_match(filter->children[i], activity))
                return false;
        return true;
    case NODE_OR:
        for (size_t i = 0; i < filter->child_count; i++)
            if (filter_match(filter->children[i], activity))
                return true;
        return false;
    }
    return false;
}
