#include "quickscorer.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define MIXSPEC_HAVE_AVX2_PATH 1
#endif

static inline void leaves_to_sums(const uint32_t *masks, int64_t count, const double *leaves, double *sums) {
    for (int64_t r = 0; r < count; r++) sums[r] += leaves[__builtin_ctz(masks[r])];
}

static void accumulate_portable(
    const int32_t *bins, int64_t stride, int64_t count,
    const int32_t *node_feature, const int32_t *node_threshold, const uint32_t *node_mask,
    const int64_t *node_start, const int64_t *leaf_start, const double *leaf_values, int64_t tree_count,
    double *sums, uint32_t *masks) {
    for (int64_t t = 0; t < tree_count; t++) {
        for (int64_t r = 0; r < stride; r++) masks[r] = 0xFFFFFFFFu;
        for (int64_t n = node_start[t]; n < node_start[t + 1]; n++) {
            const int32_t *column = bins + (int64_t)node_feature[n] * stride;
            const int32_t k = node_threshold[n];
            const uint32_t cleared = ~node_mask[n];
            for (int64_t r = 0; r < stride; r++) {
                uint32_t right = (uint32_t)-(int32_t)(column[r] > k);
                masks[r] &= ~(right & cleared);
            }
        }
        leaves_to_sums(masks, count, leaf_values + leaf_start[t], sums);
    }
}

#ifdef MIXSPEC_HAVE_AVX2_PATH
/// Masks of 64 rows (8 vectors) stay in registers while every node of a tree is applied.
__attribute__((target("avx2")))
static void accumulate_avx2(
    const int32_t *bins, int64_t stride, int64_t count,
    const int32_t *node_feature, const int32_t *node_threshold, const uint32_t *node_mask,
    const int64_t *node_start, const int64_t *leaf_start, const double *leaf_values, int64_t tree_count,
    double *sums, uint32_t *masks) {
    const __m256i ones = _mm256_set1_epi32(-1);
    for (int64_t t = 0; t < tree_count; t++) {
        const int64_t n0 = node_start[t], n1 = node_start[t + 1];
        for (int64_t g = 0; g < count; g += 64) {
            __m256i m0 = ones, m1 = ones, m2 = ones, m3 = ones, m4 = ones, m5 = ones, m6 = ones, m7 = ones;
            for (int64_t n = n0; n < n1; n++) {
                const __m256i *c = (const __m256i *)(bins + (int64_t)node_feature[n] * stride + g);
                const __m256i k = _mm256_set1_epi32(node_threshold[n]);
                const __m256i cl = _mm256_set1_epi32((int32_t)~node_mask[n]);
#define MIXSPEC_STEP(i) m##i = _mm256_andnot_si256(_mm256_and_si256(_mm256_cmpgt_epi32(_mm256_loadu_si256(c + i), k), cl), m##i)
                MIXSPEC_STEP(0); MIXSPEC_STEP(1); MIXSPEC_STEP(2); MIXSPEC_STEP(3);
                MIXSPEC_STEP(4); MIXSPEC_STEP(5); MIXSPEC_STEP(6); MIXSPEC_STEP(7);
#undef MIXSPEC_STEP
            }
            __m256i *out = (__m256i *)(masks + g);
            _mm256_storeu_si256(out + 0, m0); _mm256_storeu_si256(out + 1, m1);
            _mm256_storeu_si256(out + 2, m2); _mm256_storeu_si256(out + 3, m3);
            _mm256_storeu_si256(out + 4, m4); _mm256_storeu_si256(out + 5, m5);
            _mm256_storeu_si256(out + 6, m6); _mm256_storeu_si256(out + 7, m7);
        }
        leaves_to_sums(masks, count, leaf_values + leaf_start[t], sums);
    }
}
#endif

int mixspec_qs_uses_avx2(void) {
#ifdef MIXSPEC_HAVE_AVX2_PATH
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return cached;
#else
    return 0;
#endif
}

void mixspec_qs_accumulate(
    const int32_t *bins, int64_t stride, int64_t count,
    const int32_t *node_feature, const int32_t *node_threshold, const uint32_t *node_mask,
    const int64_t *node_start, const int64_t *leaf_start, const double *leaf_values, int64_t tree_count,
    double *sums, uint32_t *masks) {
#ifdef MIXSPEC_HAVE_AVX2_PATH
    if (mixspec_qs_uses_avx2() && stride % 64 == 0) {
        accumulate_avx2(bins, stride, count, node_feature, node_threshold, node_mask, node_start, leaf_start,
                        leaf_values, tree_count, sums, masks);
        return;
    }
#endif
    accumulate_portable(bins, stride, count, node_feature, node_threshold, node_mask, node_start, leaf_start,
                        leaf_values, tree_count, sums, masks);
}
