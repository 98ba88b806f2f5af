/* The pinyin kernel's clean-text scan: the next ( or （ in a UCS-2 string.
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
#include <Python.h>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && (__GNUC__ >= 8)
#define ZHCLEAN_TARGETS __attribute__((target_clones("avx2", "default")))
#else
#define ZHCLEAN_TARGETS
#endif

#define ZHCLEAN_BLOCK 64

ZHCLEAN_TARGETS
static Py_ssize_t zhclean_next_open_u16(const uint16_t* s, Py_ssize_t n, Py_ssize_t i)
{
    while (i + ZHCLEAN_BLOCK <= n) {
        int hit = 0;
        for (int k = 0; k < ZHCLEAN_BLOCK; k++) {
            hit |= (s[i + k] == 0x28) | (s[i + k] == 0xFF08);
        }
        if (hit) {
            break;
        }
        i += ZHCLEAN_BLOCK;
    }
    for (; i < n; i++) {
        if (s[i] == 0x28 || s[i] == 0xFF08) {
            return i;
        }
    }
    return n;
}

#endif
