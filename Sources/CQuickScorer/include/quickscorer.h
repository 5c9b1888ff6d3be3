#ifndef MIXSPEC_QUICKSCORER_H
#define MIXSPEC_QUICKSCORER_H

#include <stdint.h>

/// Adds the output of every tree to sums[0..<count] for one block of rows (QuickScorer with
/// 32-bit leaf masks). bins is column-major: feature f of row r at bins[f * stride + r], with
/// stride a multiple of 64 and rows count..<stride zero padding. masks is scratch of stride words.
/// Uses AVX2 when the processor has it (checked once at run time), portable C otherwise.
void mixspec_qs_accumulate(
    const int32_t *bins, int64_t stride, int64_t count,
    const int32_t *node_feature, const int32_t *node_threshold, const uint32_t *node_mask,
    const int64_t *node_start, const int64_t *leaf_start, const double *leaf_values, int64_t tree_count,
    double *sums, uint32_t *masks);

/// 1 when the AVX2 path is used on this processor, else 0.
int mixspec_qs_uses_avx2(void);

#endif
