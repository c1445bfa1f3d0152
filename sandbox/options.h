/* options.h: cats-sandbox's command line. */
#ifndef SANDBOX_OPTIONS_H
#define SANDBOX_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "settings.h"
#include "store.h"

struct options {
    long port;                  /* 0: a free port */
    char key[128];              /* empty: generate one */
    uint64_t seed;
    long sizes[RES_COUNT];
    long rate_limit;
    long rate_seconds;
    long backup_seconds;
    int64_t epoch;              /* 0: the start of the current UTC day */
    bool quirks[QUIRK_COUNT];
    struct fault_settings faults;
};

enum options_result {
    OPTIONS_RUN,                /* start the server */
    OPTIONS_EXIT,               /* --help or --version was printed: exit 0 */
    OPTIONS_INVALID,            /* a message and the usage went to stderr: exit 2 */
};

enum options_result options_parse(int argc, char **argv, struct options *options);

void options_print_usage(FILE *out);

#endif
