/* table.h: an array of fixed-size rows kept sorted by id, for the store's
 * collections.  Each row type starts with a `long id` member.
 *
 * Row pointers stay valid only until the next insert or remove on the same
 * table, so callers copy what they need while holding the store lock. */
#ifndef SANDBOX_TABLE_H
#define SANDBOX_TABLE_H

#include <stddef.h>

struct table {
    char *rows;
    size_t count;
    size_t capacity;
    size_t row_size;
};

void table_init(struct table *table, size_t row_size);

/* The row at index (0 <= index < count). */
void *table_at(const struct table *table, size_t index);

/* The row with this id, or NULL. */
void *table_find(const struct table *table, long id);

/* Inserts a zeroed row with this id at its sorted place and returns it.
 * Returns NULL when the id is taken. */
void *table_insert(struct table *table, long id);

/* The id one above the largest, or first when the table is empty. */
long table_next_id(const struct table *table, long first);

/* Removes the row with this id after calling free_row on it (may be NULL).
 * Returns 0, or -1 when no row has the id. */
int table_remove(struct table *table, long id, void (*free_row)(void *row));

/* Calls free_row (may be NULL) on each row and releases the array. */
void table_free(struct table *table, void (*free_row)(void *row));

#endif
