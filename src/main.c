/* main.c: the cats-admin console's entry point. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "version.h"

int
main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        puts(cats_version_string());
        return 0;
    }
    fprintf(stderr, "cats-admin: the console is not built yet\n");
    return 1;
}
