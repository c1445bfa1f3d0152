/* rng.h: a small deterministic pseudo-random generator (SplitMix64), so one
 * seed always produces the same data on every machine.  Not for secrets. */
#ifndef SANDBOX_RNG_H
#define SANDBOX_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rng {
    uint64_t state;
};

/* Starts a stream from the seed and a stream name, so each resource draws
 * from its own stream and resizing one leaves the others unchanged. */
void rng_seed(struct rng *rng, uint64_t seed, const char *stream);

uint64_t rng_next(struct rng *rng);

/* A uniform integer in [0, bound); bound must be positive. */
uint32_t rng_below(struct rng *rng, uint32_t bound);

/* A uniform integer in [low, high]. */
long rng_range(struct rng *rng, long low, long high);

/* A uniform double in [0, 1). */
double rng_unit(struct rng *rng);

/* True with probability p. */
bool rng_chance(struct rng *rng, double p);

/* One element of a string array. */
const char *rng_pick(struct rng *rng, const char *const *items, size_t count);

#define RNG_PICK(rng, array) rng_pick((rng), (array), sizeof(array) / sizeof((array)[0]))

#endif
