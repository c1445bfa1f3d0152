/* seed_text.h: the word lists the seeded data is drawn from.  They mix
 * scripts on purpose (accented Latin, CJK, Arabic, Cyrillic, Devanagari,
 * emoji, combining marks) and include a few strings with terminal escape
 * sequences and control characters, which the console must show inert. */
#ifndef SANDBOX_SEED_TEXT_H
#define SANDBOX_SEED_TEXT_H

#include <stddef.h>

/* A family of names that belong together (one script or culture). */
struct name_pool {
    const char *const *first;
    size_t first_count;
    const char *const *last;
    size_t last_count;
    unsigned weight;        /* relative share of people drawn from it */
};

extern const struct name_pool seed_name_pools[];
extern const size_t seed_name_pool_count;

struct city {
    const char *city;
    const char *state;
    const char *postal_code;
    const char *country_code;
};

extern const struct city seed_cities[];
extern const size_t seed_city_count;

#define SEED_LIST(name) \
    extern const char *const name[]; \
    extern const size_t name##_count

SEED_LIST(seed_job_titles);
SEED_LIST(seed_people_titles);
SEED_LIST(seed_company_names);
SEED_LIST(seed_task_templates);     /* each has one %s for a name */
SEED_LIST(seed_task_plain);         /* complete descriptions, hard strings among them */
SEED_LIST(seed_note_templates);     /* each has one %s for a name */
SEED_LIST(seed_note_plain);         /* complete notes, multi-line and hard ones among them */
SEED_LIST(seed_hostile_strings);    /* escape sequences and control characters */
SEED_LIST(seed_skills);
SEED_LIST(seed_annotations);
SEED_LIST(seed_tag_roots);
SEED_LIST(seed_tag_children);
SEED_LIST(seed_trigger_names);
SEED_LIST(seed_portal_names);
SEED_LIST(seed_reasons_for_leaving);
SEED_LIST(seed_sources);
SEED_LIST(seed_lorem);              /* sentences for very long notes */

#undef SEED_LIST

/* One element of a list declared above. */
#define SEED_PICK(rng, list) rng_pick((rng), (list), list##_count)

#endif
