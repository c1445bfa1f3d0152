/* api_portal.c: career portal applications: the {fields, source} body of a
 * job application or registration, with files sent as base64. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "api_internal.h"

/* Reads a whole file (at most cap bytes) into a new buffer. */
static unsigned char *
read_file(const char *path, size_t cap, size_t *length, struct api_error *err)
{
    FILE *file = fopen(path, "rb");
    struct stat info;
    unsigned char *data = NULL;

    if (file == NULL) {
        api_error_set(err, API_ERR_IO, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode))
        api_error_set(err, API_ERR_IO, "%s is not a regular file", path);
    else if ((uintmax_t)info.st_size > cap)
        api_error_set(err, API_ERR_ARGUMENT, "%s has %jd bytes, more than the %zu byte cap", path,
                      (intmax_t)info.st_size, cap);
    else if ((data = malloc((size_t)info.st_size + 1)) == NULL)
        api_error_set(err, API_ERR_IO, "out of memory while reading %s", path);
    else if (fread(data, 1, (size_t)info.st_size, file) != (size_t)info.st_size) {
        api_error_set(err, API_ERR_IO, "reading %s failed", path);
        free(data);
        data = NULL;
    }
    *length = data ? (size_t)info.st_size : 0;
    fclose(file);
    return data;
}

/* The file's bytes as a base64 JSON string, or NULL with err set. */
static struct json_object *
file_base64(const char *path, size_t cap, struct api_error *err)
{
    size_t length;
    unsigned char *data = read_file(path, cap, &length, err);
    unsigned char *encoded;
    struct json_object *value = NULL;
    int encoded_length;

    if (data == NULL)
        return NULL;
    encoded = malloc(4 * ((length + 2) / 3) + 1);
    if (encoded == NULL) {
        api_error_set(err, API_ERR_IO, "out of memory while encoding %s", path);
    } else {
        encoded_length = EVP_EncodeBlock(encoded, data, (int)length);
        value = json_object_new_string_len((const char *)encoded, encoded_length);
    }
    free(encoded);
    free(data);
    return value;
}

/* Sends every "\n" that is not already part of "\r\n" as "\r\n", the line
 * break CATS expects in multi-line fields. */
static struct json_object *
multiline_value(const char *text)
{
    size_t length = strlen(text), used = 0;
    char *copy = malloc(2 * length + 1);
    struct json_object *value;

    if (copy == NULL)
        return NULL;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            copy[used++] = '\r';
        copy[used++] = text[i];
    }
    value = json_object_new_string_len(copy, (int)used);
    free(copy);
    return value;
}

/* {"<answer id>": true, ...} for checkboxes, radio buttons and selects. */
static struct json_object *
choices_value(const struct api_portal_field *field)
{
    struct json_object *value = json_object_new_object();
    char key[32];

    for (size_t i = 0; i < field->answer_count; i++) {
        snprintf(key, sizeof key, "%lld", (long long)field->answer_ids[i]);
        json_object_object_add(value, key, json_object_new_boolean(true));
    }
    return value;
}

static const char *
file_basename(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* Builds the value of one field; a file also adds "filename" to obj. */
static int
add_field_value(struct json_object *obj, const struct api_portal_field *field, size_t cap, struct api_error *err)
{
    struct json_object *value = NULL;

    if (field->kind == API_PORTAL_FILE) {
        if (field->file_path == NULL)
            return api_error_set(err, API_ERR_ARGUMENT, "the file field %lld has no file", (long long)field->id);
        if ((value = file_base64(field->file_path, cap, err)) == NULL)
            return -1;
        json_object_object_add(obj, "filename", json_object_new_string(field->filename ? field->filename
                                                                                       : file_basename(field->file_path)));
    } else if (field->kind == API_PORTAL_CHECKBOX) {
        value = json_object_new_boolean(field->checked);
    } else if (field->kind == API_PORTAL_CHOICES) {
        value = choices_value(field);
    } else if (field->kind == API_PORTAL_MULTILINE) {
        value = multiline_value(field->text ? field->text : "");
    } else {
        value = json_object_new_string(field->text ? field->text : "");
    }
    json_object_object_add(obj, "value", value);
    return 0;
}

static struct json_object *
submission_body(const struct api_portal_submission *submission, size_t cap, struct api_error *err)
{
    struct json_object *body = json_object_new_object(), *fields = json_object_new_array();

    json_object_object_add(body, "fields", fields);
    if (submission->source != NULL)
        json_object_object_add(body, "source", json_object_new_string(submission->source));

    for (size_t i = 0; i < submission->field_count; i++) {
        struct json_object *field = json_object_new_object();
        json_object_array_add(fields, field);
        json_object_object_add(field, "id", json_object_new_int64(submission->fields[i].id));
        if (add_field_value(field, &submission->fields[i], cap, err) != 0) {
            json_object_put(body);
            return NULL;
        }
    }
    return body;
}

static int
submit(struct api_client *c, const char *path, const struct api_portal_submission *submission, int64_t *new_id,
       struct api_error *err)
{
    struct json_object *body = submission_body(submission, c->session->max_body, err);
    int result;

    if (body == NULL)
        return -1;
    result = api_call(c, "POST", path, body, NULL, new_id, err);
    json_object_put(body);
    return result;
}

int
api_portal_job_apply(struct api_client *c, int64_t portal_id, int64_t job_id,
                     const struct api_portal_submission *submission, int64_t *new_id, struct api_error *err)
{
    char path[128];

    api_error_clear(err);
    if (new_id != NULL)
        *new_id = 0;
    if (portal_id <= 0 || job_id <= 0)
        return api_error_set(err, API_ERR_ARGUMENT, "the portal id %lld or job id %lld is invalid; ids are positive",
                             (long long)portal_id, (long long)job_id);
    snprintf(path, sizeof path, "/portals/%lld/jobs/%lld", (long long)portal_id, (long long)job_id);
    return submit(c, path, submission, new_id, err);
}

int
api_portal_registration_submit(struct api_client *c, int64_t portal_id,
                               const struct api_portal_submission *submission, int64_t *new_id,
                               struct api_error *err)
{
    char path[128];

    api_error_clear(err);
    if (new_id != NULL)
        *new_id = 0;
    if (portal_id <= 0)
        return api_error_set(err, API_ERR_ARGUMENT, "the portal id %lld is invalid; ids are positive",
                             (long long)portal_id);
    snprintf(path, sizeof path, "/portals/%lld/registration", (long long)portal_id);
    return submit(c, path, submission, new_id, err);
}
