/* main.c: cats-sandbox's entry point (placeholder until the server lands). */
#include "config.h"

#include <stdio.h>

int
main(void)
{
    fprintf(stderr, "cats-sandbox: not built yet\n");
    return 1;
}
