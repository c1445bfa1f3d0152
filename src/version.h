/* version.h: the program's version string and User-Agent. */
#ifndef CATS_VERSION_H
#define CATS_VERSION_H

/* "cats-admin 0.1.0": for --version. Static storage, never freed. */
const char *cats_version_string(void);

/* "cats-admin/0.1.0": the User-Agent sent with every request. */
const char *cats_user_agent(void);

#endif
