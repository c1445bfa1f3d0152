/* table.c: sorted rows with binary search by id. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "util.h"

void
table_init(struct table *table, size_t row_size)
{
    memset(table, 0, sizeof *table);
    table->row_size = row_size;
}

void *
table_at(const struct table *table, size_t index)
{
    return table->rows + index * table->row_size;
}

static long
row_id(const struct table *table, size_t index)
{
    return *(const long *)table_at(table, index);
}

/* The index of the first row whose id is >= id. */
static size_t
lower_bound(const struct table *table, long id)
{
    size_t low = 0, high = table->count;

    while (low < high) {
        size_t mid = low + (high - low) / 2;

        if (row_id(table, mid) < id)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

void *
table_find(const struct table *table, long id)
{
    size_t index = lower_bound(table, id);

    if (index < table->count && row_id(table, index) == id)
        return table_at(table, index);
    return NULL;
}

void *
table_insert(struct table *table, long id)
{
    size_t index = lower_bound(table, id);
    char *row;

    if (index < table->count && row_id(table, index) == id)
        return NULL;
    if (table->count == table->capacity) {
        table->capacity = table->capacity ? table->capacity * 2 : 64;
        table->rows = util_xrealloc(table->rows, table->capacity * table->row_size);
    }

    row = table_at(table, index);
    memmove(row + table->row_size, row, (table->count - index) * table->row_size);
    memset(row, 0, table->row_size);
    *(long *)row = id;
    table->count++;
    return row;
}

long
table_next_id(const struct table *table, long first)
{
    if (table->count == 0)
        return first;
    return row_id(table, table->count - 1) + 1;
}

int
table_remove(struct table *table, long id, void (*free_row)(void *row))
{
    size_t index = lower_bound(table, id);
    char *row;

    if (index >= table->count || row_id(table, index) != id)
        return -1;

    row = table_at(table, index);
    if (free_row)
        free_row(row);
    memmove(row, row + table->row_size, (table->count - index - 1) * table->row_size);
    table->count--;
    return 0;
}

void
table_free(struct table *table, void (*free_row)(void *row))
{
    for (size_t i = 0; free_row && i < table->count; i++)
        free_row(table_at(table, i));
    free(table->rows);
    table->rows = NULL;
    table->count = table->capacity = 0;
}
