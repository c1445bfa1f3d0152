/* rng.c: SplitMix64, seeded per named stream. */
#include "config.h"

#include "rng.h"

void
rng_seed(struct rng *rng, uint64_t seed, const char *stream)
{
    uint64_t hash = 1469598103934665603ULL; /* FNV-1a offset basis */

    for (const unsigned char *p = (const unsigned char *)stream; *p; p++)
        hash = (hash ^ *p) * 1099511628211ULL;
    rng->state = seed * 0x9E3779B97F4A7C15ULL ^ hash;
    rng_next(rng);
}

uint64_t
rng_next(struct rng *rng)
{
    uint64_t z = (rng->state += 0x9E3779B97F4A7C15ULL);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint32_t
rng_below(struct rng *rng, uint32_t bound)
{
    return (uint32_t)(((rng_next(rng) >> 32) * (uint64_t)bound) >> 32);
}

long
rng_range(struct rng *rng, long low, long high)
{
    return low + (long)rng_below(rng, (uint32_t)(high - low + 1));
}

double
rng_unit(struct rng *rng)
{
    return (double)(rng_next(rng) >> 11) / 9007199254740992.0;
}

bool
rng_chance(struct rng *rng, double p)
{
    return rng_unit(rng) < p;
}

const char *
rng_pick(struct rng *rng, const char *const *items, size_t count)
{
    return items[rng_below(rng, (uint32_t)count)];
}
