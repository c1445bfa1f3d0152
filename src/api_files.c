/* api_files.c: the operations that move files: attachment download
 * streamed to a descriptor, and resume parsing from a file streamed up. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "api_internal.h"

/* Copies a Content-Disposition parameter's value (quoted or a token) that
 * starts at value into buf, undoing backslash escapes. */
static void
parameter_value(char *buf, size_t size, const char *value)
{
    size_t used = 0;
    bool quoted = *value == '"';

    for (value += quoted; *value && used + 1 < size; value++) {
        if (quoted && *value == '"')
            break;
        if (!quoted && (*value == ';' || *value == ' '))
            break;
        if (quoted && *value == '\\' && value[1] != '\0')
            value++;
        buf[used++] = *value;
    }
    buf[used] = '\0';
}

/* Finds name= in a header's parameters (case-insensitive, after a ';'). */
static const char *
find_parameter(const char *header, const char *name)
{
    size_t length = strlen(name);

    for (const char *at = strchr(header, ';'); at != NULL; at = strchr(at + 1, ';')) {
        const char *start = at + 1;
        while (*start == ' ' || *start == '\t')
            start++;
        if (strncasecmp(start, name, length) == 0 && start[length] == '=')
            return start + length + 1;
    }
    return NULL;
}

/* Reads the file name from Content-Disposition: filename*=UTF-8''%xx (RFC
 * 6266) when present, else filename=.  Leaves buf empty when neither is. */
static void
disposition_filename(CURL *curl, const char *header, char *buf, size_t size)
{
    const char *extended = find_parameter(header, "filename*");
    const char *plain = find_parameter(header, "filename");
    char raw[512];

    buf[0] = '\0';
    if (extended != NULL && strncasecmp(extended, "UTF-8''", 7) == 0) {
        parameter_value(raw, sizeof raw, extended + 7);
        char *decoded = curl_easy_unescape(curl, raw, 0, NULL);
        if (decoded != NULL)
            api_safe_filename(decoded, buf, size);
        curl_free(decoded);
        return;
    }
    if (plain != NULL) {
        parameter_value(raw, sizeof raw, plain);
        api_safe_filename(raw, buf, size);
    }
}

int
api_attachment_download(struct api_client *c, int64_t id, int fd, char *filename, size_t filename_size,
                        int64_t *bytes, struct api_error *err)
{
    char path[128];
    struct api_request request = { .method = "GET", .path = path, .download_fd = fd };
    struct api_response response;
    int result;

    api_error_clear(err);
    if (filename != NULL && filename_size > 0)
        filename[0] = '\0';
    if (bytes != NULL)
        *bytes = 0;
    if (id <= 0)
        return api_error_set(err, API_ERR_ARGUMENT, "the attachment id %lld is invalid; ids are positive",
                             (long long)id);
    if (fd < 0)
        return api_error_set(err, API_ERR_ARGUMENT, "the download needs an open file descriptor, not %d", fd);

    snprintf(path, sizeof path, "/attachments/%lld/download", (long long)id);
    result = api_perform(c, &request, &response, err);
    if (bytes != NULL)
        *bytes = response.written;
    if (result == 0 && filename != NULL && filename_size > 0 && response.headers.disposition[0] != '\0')
        disposition_filename(c->curl, response.headers.disposition, filename, filename_size);
    api_response_free(&response);
    return result;
}

/* Opens a regular file for upload and reads its size. */
static FILE *
open_upload(const char *path, curl_off_t *size, struct api_error *err)
{
    FILE *file = fopen(path, "rb");
    struct stat info;

    if (file == NULL) {
        api_error_set(err, API_ERR_IO, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) {
        api_error_set(err, API_ERR_IO, "%s is not a regular file; choose a resume file", path);
        fclose(file);
        return NULL;
    }
    *size = (curl_off_t)info.st_size;
    return file;
}

int
api_resume_parse(struct api_client *c, const char *path, struct json_object **out, struct api_error *err)
{
    struct api_request request = { .method = "POST", .path = "/attachments/parse", .download_fd = -1 };
    struct api_response response;
    int result;

    api_error_clear(err);
    *out = NULL;
    if (path == NULL)
        return api_error_set(err, API_ERR_ARGUMENT, "no resume file was given");
    request.upload = open_upload(path, &request.upload_size, err);
    if (request.upload == NULL)
        return -1;

    result = api_perform(c, &request, &response, err);
    fclose(request.upload);
    if (result == 0)
        result = api_response_record(&response, out, err);
    api_response_free(&response);
    return result;
}
