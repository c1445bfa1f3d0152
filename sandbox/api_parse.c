/* api_parse.c: POST /attachments/parse, which turns a resume's text into a
 * candidate record without storing anything.  The sandbox reads plain
 * UTF-8 text only: the first line is the name, the next non-empty line the
 * title, and it picks out an e-mail address, a phone number and a
 * "Skills:" line. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handlers.h"
#include "jsonutil.h"

/* The length of the UTF-8 sequence that starts with byte c, or 0 when c
 * cannot start one (overlong two-byte forms included). */
static size_t
utf8_sequence_length(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return 2;
    if ((c & 0xf0) == 0xe0)
        return 3;
    if (c >= 0xf0 && c <= 0xf4)
        return 4;
    return 0;
}

/* True when the bytes are UTF-8 text without NUL bytes. */
static bool
is_utf8_text(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = utf8_sequence_length(p[i]);

        if (p[i] == 0 || n == 0 || i + n > len)
            return false;
        for (size_t k = 1; k < n; k++)
            if ((p[i + k] & 0xc0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

/* The next line of text (without its end of line) into a new string. */
static char *
next_line(const char **cursor)
{
    const char *start = *cursor, *end = strpbrk(start, "\r\n");
    size_t len = end ? (size_t)(end - start) : strlen(start);
    char *line = util_xmalloc(len + 1);

    memcpy(line, start, len);
    line[len] = '\0';
    *cursor = start + len;
    while (**cursor == '\r' || **cursor == '\n')
        (*cursor)++;
    return line;
}

/* Copies the whitespace-delimited word around '@' into out. */
static bool
find_email(const char *line, char *out, size_t size)
{
    const char *at = strchr(line, '@'), *start, *end;

    if (at == NULL)
        return false;
    for (start = at; start > line && !isspace((unsigned char)start[-1]) && start[-1] != ':'; start--)
        continue;
    for (end = at; *end && !isspace((unsigned char)*end); end++)
        continue;
    snprintf(out, size, "%.*s", (int)(end - start), start);
    return true;
}

/* A phone number: a run of digits, spaces, dashes, dots, parentheses and a
 * leading '+' holding at least seven digits. */
static bool
find_phone(const char *line, char *out, size_t size)
{
    for (const char *p = line; *p; p++) {
        size_t len = strspn(p, "+0123456789 -.()"), digits = 0;

        for (size_t i = 0; i < len; i++)
            digits += isdigit((unsigned char)p[i]) != 0;
        if (digits >= 7) {
            while (*p == ' ') {
                p++;
                len--;
            }
            while (len > 0 && p[len - 1] == ' ')
                len--;
            snprintf(out, size, "%.*s", (int)len, p);
            return true;
        }
        p += len ? len - 1 : 0;
    }
    return false;
}

struct parsed_resume {
    char *name;
    char *title;
    char email[256];
    char phone[64];
    char *skills;
};

static void
read_resume(const char *text, struct parsed_resume *out)
{
    const char *cursor = text;

    memset(out, 0, sizeof *out);
    while (*cursor) {
        char *line = next_line(&cursor);

        if (*line == '\0') {
            free(line);
        } else if (out->name == NULL) {
            out->name = line;
        } else if (strncasecmp(line, "skills:", 7) == 0 && out->skills == NULL) {
            out->skills = util_xstrdup(line + 7 + strspn(line + 7, " "));
            free(line);
        } else {
            if (!out->email[0])
                find_email(line, out->email, sizeof out->email);
            if (!out->phone[0] && !strchr(line, '@'))
                find_phone(line, out->phone, sizeof out->phone);
            if (out->title == NULL)
                out->title = line;
            else
                free(line);
        }
    }
}

static json_object *
render_parsed(const struct parsed_resume *parsed)
{
    json_object *obj = json_object_new_object();
    const char *space = parsed->name ? strrchr(parsed->name, ' ') : NULL;
    char first[256];

    snprintf(first, sizeof first, "%.*s", space ? (int)(space - parsed->name) : 255,
             parsed->name ? parsed->name : "");
    jsonu_add_string(obj, "first_name", first);
    jsonu_add_string(obj, "last_name", space ? space + 1 : "");
    jsonu_add_string(obj, "title", parsed->title);
    json_object *emails = jsonu_add_object(obj, "emails");
    jsonu_add_string(emails, "primary", parsed->email[0] ? parsed->email : NULL);
    jsonu_add_null(emails, "secondary");
    json_object *phones = jsonu_add_object(obj, "phones");
    jsonu_add_null(phones, "home");
    jsonu_add_string(phones, "cell", parsed->phone[0] ? parsed->phone : NULL);
    jsonu_add_null(phones, "work");
    jsonu_add_string(obj, "key_skills", parsed->skills ? parsed->skills : "");
    jsonu_add_object(obj, "_links");
    return obj;
}

void
handle_attachment_parse(struct request *req, struct response *resp)
{
    struct parsed_resume parsed;

    if (req->body.len == 0) {
        resp_message(resp, 400, "The request body is empty; send the resume file's bytes as "
                                "application/octet-stream.");
        return;
    }
    if (!is_utf8_text((const unsigned char *)req->body.data, req->body.len)) {
        resp_message(resp, 400, "The sandbox parses plain-text resumes only, and this file is not "
                                "UTF-8 text.");
        return;
    }
    read_resume(req->body.data, &parsed);
    resp_json(resp, 200, render_parsed(&parsed));
    free(parsed.name);
    free(parsed.title);
    free(parsed.skills);
}
