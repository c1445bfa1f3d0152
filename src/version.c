/* version.c: the program's version string and User-Agent, from configure. */
#include "config.h"

#include "version.h"

const char *
cats_version_string(void)
{
    return PACKAGE_NAME " " PACKAGE_VERSION;
}

const char *
cats_user_agent(void)
{
    return PACKAGE_NAME "/" PACKAGE_VERSION;
}
