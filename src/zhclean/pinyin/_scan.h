/* The pinyin kernel's clean-text scan: the next trigger in a UCS-2 string.
 *
 * A trigger is an opening bracket ( （ [ 【 or a code point in
 * [0xC0, 0x370): a Latin letter that may carry a tone mark, or a combining
 * mark (tables.TRIGGER_LOW / TRIGGER_HIGH, mirrored in _loops_c.pyx and
 * compared by a test).  Plain ASCII letters are not triggers: text with no
 * bracket and no tone mark, Chinese-English text included, is one scan.
 *
 * Clean text is the common case and this loop is nearly all its cost, so it
 * tests a block of code units at a time with no early exit, which the
 * compiler turns into vector compares.  Where GCC can choose at run time
 * (function multiversioning, x86-64 Linux) it also builds an AVX2 version,
 * twice as wide as the SSE2 every x86-64 has, and picks it on machines that
 * have it; elsewhere the plain version is the only one.
 */
#ifndef ZHCLEAN_PINYIN_SCAN_H
#define ZHCLEAN_PINYIN_SCAN_H

#include <stdint.h>
#include <string.h>
#include <Python.h>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && (__GNUC__ >= 8)
#define ZHCLEAN_TARGETS __attribute__((target_clones("avx2", "default")))
#else
#define ZHCLEAN_TARGETS
#endif

#define ZHCLEAN_BLOCK 64

static inline int zhclean_is_trigger_u16(uint16_t c)
{
    return (c == 0x28) | (c == 0x5B) | (c == 0xFF08) | (c == 0x3010) | ((uint16_t)(c - 0xC0) < 0x2B0);
}

/* Sixteen code units, in GCC's vector extension: the compares stay 16-bit
 * lanes, and the block's verdict is one OR of four words at its end (the
 * plain loop above, with an int accumulator, widened every lane to 32 bits
 * and ran at half the speed). */
#if defined(__GNUC__)
typedef uint16_t zhclean_u16x16 __attribute__((vector_size(32)));
typedef int16_t zhclean_i16x16 __attribute__((vector_size(32)));

static inline zhclean_i16x16 zhclean_triggers_u16x16(const uint16_t* s)
{
    zhclean_u16x16 v;
    memcpy(&v, s, sizeof v);
    return (v == 0x28) | (v == 0x5B) | (v == 0xFF08) | (v == 0x3010) | ((zhclean_u16x16)(v - 0xC0) < 0x2B0);
}
#endif

ZHCLEAN_TARGETS
static Py_ssize_t zhclean_next_trigger_u16(const uint16_t* s, Py_ssize_t n, Py_ssize_t i)
{
    while (i + ZHCLEAN_BLOCK <= n) {
#if defined(__GNUC__)
        zhclean_i16x16 hit = zhclean_triggers_u16x16(s + i) | zhclean_triggers_u16x16(s + i + 16)
                           | zhclean_triggers_u16x16(s + i + 32) | zhclean_triggers_u16x16(s + i + 48);
        uint64_t words[4];
        memcpy(words, &hit, sizeof words);
        if (words[0] | words[1] | words[2] | words[3]) {
            break;
        }
#else
        int hit = 0;
        for (int k = 0; k < ZHCLEAN_BLOCK; k++) {
            hit |= zhclean_is_trigger_u16(s[i + k]);
        }
        if (hit) {
            break;
        }
#endif
        i += ZHCLEAN_BLOCK;
    }
    for (; i < n; i++) {
        if (zhclean_is_trigger_u16(s[i])) {
            return i;
        }
    }
    return n;
}

#endif
