"""The pinyin loops, compiled: the twin of ``_loops_py.py``.

The rules are those of the pure-Python twin, which is the readable
reference; this module applies them to the string's own PEP 393 storage
(2- or 4-byte code units; a 1-byte string holds no Han character and is
returned at once), with every table in C arrays, so the scan touches no
Python object per character and can run without the GIL.  It imports only
``tables``; the facade above checked the arguments.
"""
from cpython.unicode cimport (
    PyUnicode_1BYTE_KIND, PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_New,
)
from libc.stdint cimport uint8_t, uint16_t, uint32_t
from libc.stdlib cimport calloc, free, malloc, realloc
from libc.string cimport memcpy

from zhclean._unicode cimport PyUnicode_MAX_CHAR_VALUE, PyUnicode_READY

from . import tables as _tables
from .._lazy import Lazy

ctypedef fused ucs_t:
    uint16_t
    uint32_t

cdef enum:
    # Mirrors of tables.MAX_GROUP and tables.MAX_SYLLABLE, needed as C
    # constants (an array size); test_pinyin_tables compares them.
    MAX_GROUP = 16
    MAX_SYLLABLE = 6
    BMP_BASE = 0x3000   # readings of BMP characters are indexed from here

# When to release the GIL.  Re-acquiring it after work done without it waits
# for whichever thread holds it meanwhile, up to the 5 ms switch interval when
# another Python thread is busy; so it is released once per call, and only
# for work long enough to pay for that wait (40k characters of clean text
# take 4 us alone and took 1 ms beside a busy thread when every call of 32 Ki
# characters or more released it).  The first PROBE_CHARS are scanned holding
# the GIL; the rest is done without it when the work it predicts, at the
# density of brackets seen so far, is at least RELEASE_NS.
cdef Py_ssize_t PROBE_CHARS = 1 << 16
cdef double RELEASE_NS = 2000000.0
# The cost model, measured on the project's 2-core machine: sample 003
# (clean, 2 brackets in 3,000 characters) scans at 0.13 ns a character;
# sample 004 (a bracket every 7 characters) at 5.6 ns a character, 40 ns a
# bracket.
cdef double CHAR_NS = 0.13
cdef double BRACKET_NS = 40.0


# --- tables, built once per process by _build() ----------------------------
cdef struct Tables:
    uint8_t letter[0x300]       # cp -> letter | 0x80 if it carries a tone
    uint8_t tone_mark[0x70]     # combining mark - 0x300 -> 1 tone, 2 diaeresis, 3 circumflex
    uint32_t high_cp[8]         # marked letters above U+02FF (ḿ, ế, ...)
    uint8_t high_letter[8]
    int n_high
    uint32_t* syllables         # sorted syllable codes
    Py_ssize_t n_syllables
    uint32_t* bmp_offsets       # readings of cp in [BMP_BASE, 0x10000): codes[off[i]:off[i+1]]
    uint32_t* astral_cps        # sorted astral code points with readings
    uint32_t* astral_offsets
    Py_ssize_t n_astral
    uint32_t* codes             # reading codes, grouped by character
    uint32_t* zhuyin_keys       # sorted zhuyin codes
    uint32_t* zhuyin_offsets
    uint32_t* zhuyin_codes
    Py_ssize_t n_zhuyin


cdef class _CTables:
    """Owns one complete Tables; published through the lazy loader."""
    cdef Tables* t

    def __dealloc__(self):
        if self.t != NULL:
            free(self.t.syllables)
            free(self.t.bmp_offsets)
            free(self.t.astral_cps)
            free(self.t.astral_offsets)
            free(self.t.codes)
            free(self.t.zhuyin_keys)
            free(self.t.zhuyin_offsets)
            free(self.t.zhuyin_codes)
            free(self.t)


cdef uint32_t _syllable_code(str key):
    """Pack up to six letters a-z into 30 bits, 5 bits a letter."""
    cdef uint32_t code = 0
    for ch in key:
        code = code * 32 + (ord(ch) - 96)
    return code


cdef uint32_t _zhuyin_code(str key):
    cdef uint32_t code = 0
    for ch in key:
        code = code * 128 + _zhuyin_index(ord(ch))
    return code


cdef inline uint32_t _zhuyin_index(uint32_t c) noexcept nogil:
    # Mirrors tables.is_zhuyin_letter (compared by a test).
    if 0x3105 <= c <= 0x312F:
        return c - 0x3104
    if 0x31A0 <= c <= 0x31BF:
        return c - 0x31A0 + 44
    return 0


cdef uint32_t* _array(Py_ssize_t n) except NULL:
    cdef uint32_t* p = <uint32_t*>malloc((n if n > 0 else 1) * sizeof(uint32_t))
    if p == NULL:
        raise MemoryError()
    return p


def _build():
    """Every table in C arrays, complete before anyone can see it."""
    cdef _CTables owner = _CTables.__new__(_CTables)
    cdef Tables* t = <Tables*>calloc(1, sizeof(Tables))
    cdef Py_ssize_t i, pos
    if t == NULL:
        raise MemoryError()
    owner.t = t  # freed with owner if anything below raises
    readings = _tables.reading_tables()
    for i in range(26):
        t.letter[0x41 + i] = 0x61 + i
        t.letter[0x61 + i] = 0x61 + i
    for mark in _tables.TONE_MARKS:
        t.tone_mark[mark - 0x300] = 1
    t.tone_mark[_tables.DIAERESIS - 0x300] = 2
    t.tone_mark[_tables.CIRCUMFLEX - 0x300] = 3
    for cp, (letter, tonal) in sorted(_tables.MARKED_LETTERS.items()):
        value = ord(letter) | (0x80 if tonal else 0)
        if cp < 0x300:
            t.letter[cp] = value
        else:
            if t.n_high == 8:
                raise RuntimeError("too many marked letters above U+02FF")
            t.high_cp[t.n_high] = cp
            t.high_letter[t.n_high] = value
            t.n_high += 1

    syllables = sorted(_syllable_code(s) for s in readings.syllables)
    t.syllables = _array(len(syllables))
    for i, code in enumerate(syllables):
        t.syllables[i] = code
    t.n_syllables = len(syllables)

    total = sum(len(v) for v in readings.readings.values())
    t.codes = _array(total)
    t.bmp_offsets = _array(0x10000 - BMP_BASE + 1)
    astral = sorted(cp for cp in readings.readings if cp >= 0x10000)
    t.astral_cps = _array(len(astral))
    t.astral_offsets = _array(len(astral) + 1)
    pos = 0
    for i in range(0x10000 - BMP_BASE):
        t.bmp_offsets[i] = pos
        for key in readings.readings.get(BMP_BASE + i, ()):
            t.codes[pos] = _syllable_code(key)
            pos += 1
    t.bmp_offsets[0x10000 - BMP_BASE] = pos
    for i, cp in enumerate(astral):
        t.astral_cps[i] = cp
        t.astral_offsets[i] = pos
        for key in readings.readings[cp]:
            t.codes[pos] = _syllable_code(key)
            pos += 1
    t.astral_offsets[len(astral)] = pos
    t.n_astral = len(astral)

    spellings = sorted((_zhuyin_code(k), v) for k, v in readings.zhuyin.items())
    t.zhuyin_keys = _array(len(spellings))
    t.zhuyin_offsets = _array(len(spellings) + 1)
    t.zhuyin_codes = _array(sum(len(v) for _, v in spellings))
    pos = 0
    for i, (code, keys) in enumerate(spellings):
        t.zhuyin_keys[i] = code
        t.zhuyin_offsets[i] = pos
        for key in keys:
            t.zhuyin_codes[pos] = _syllable_code(key)
            pos += 1
    t.zhuyin_offsets[len(spellings)] = pos
    t.n_zhuyin = len(spellings)
    return owner


_TABLES = Lazy(_build)
cdef const Tables* _T = NULL  # set from _TABLES, holding the GIL, once complete


cdef inline const Tables* _tables_ready() except NULL:
    global _T
    if _T == NULL:
        _T = (<_CTables>_TABLES.get()).t
    return _T


# --- character classes (mirroring tables; compared by a test) --------------
cdef inline bint _is_han(uint32_t c) noexcept nogil:
    if c < 0x3007:
        return False
    return (
        c == 0x3007
        or 0x3400 <= c <= 0x4DBF
        or 0x4E00 <= c <= 0x9FFF
        or 0xF900 <= c <= 0xFAFF
        or 0x20000 <= c <= 0x2FA1F
        or 0x30000 <= c <= 0x323AF
    )


cdef inline bint _is_open(uint32_t c) noexcept nogil:
    return c == 0x28 or c == 0xFF08


cdef inline bint _is_zhuyin_tone(uint32_t c) noexcept nogil:
    return c == 0x02C9 or c == 0x02CA or c == 0x02C7 or c == 0x02CB or c == 0x02D9


def _mirrors():
    """What this module mirrors of ``tables``, for the test that compares them."""
    return {"MAX_GROUP": MAX_GROUP, "MAX_SYLLABLE": MAX_SYLLABLE}


def _classes_of(uint32_t c):
    """(is Han, opens a group, zhuyin tone, zhuyin letter) as the loops see ``c``."""
    return _is_han(c), _is_open(c), _is_zhuyin_tone(c), _zhuyin_index(c) != 0


cdef inline Py_ssize_t _bsearch(const uint32_t* keys, Py_ssize_t n, uint32_t key) noexcept nogil:
    cdef Py_ssize_t lo = 0, hi = n, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    if lo < n and keys[lo] == key:
        return lo
    return -1


cdef inline bint _has_reading(const Tables* t, uint32_t han, uint32_t code) noexcept nogil:
    cdef Py_ssize_t i, start, stop
    if BMP_BASE <= han < 0x10000:
        start = t.bmp_offsets[han - BMP_BASE]
        stop = t.bmp_offsets[han - BMP_BASE + 1]
    elif han >= 0x10000:
        i = _bsearch(t.astral_cps, t.n_astral, han)
        if i < 0:
            return False
        start = t.astral_offsets[i]
        stop = t.astral_offsets[i + 1]
    else:
        return False
    for i in range(start, stop):
        if t.codes[i] == code:
            return True
    return False


cdef inline uint8_t _letter_of(const Tables* t, uint32_t c) noexcept nogil:
    cdef int i
    if c < 0x300:
        return t.letter[c]
    for i in range(t.n_high):
        if t.high_cp[i] == c:
            return t.high_letter[i]
    return 0


# --- the rules ------------------------------------------------------------
cdef Py_ssize_t _group_end(const Tables* t, const ucs_t* s, Py_ssize_t n, Py_ssize_t pos,
                           uint32_t han, bint by_reading) noexcept nogil:
    """If an annotation group of ``han`` opens at ``pos``, where it ends; else -1."""
    cdef uint32_t close = 0x29 if s[pos] == 0x28 else 0xFF09
    cdef Py_ssize_t limit = pos + 2 + MAX_GROUP
    cdef Py_ssize_t stop = -1, k, a, b, i
    cdef uint32_t c, first
    cdef uint8_t v
    cdef char letters[MAX_SYLLABLE + 1]
    cdef int nl = 0
    cdef bint tonal = False
    cdef uint32_t code = 0
    if limit > n:
        limit = n
    for k in range(pos + 1, limit):
        if s[k] == close:
            stop = k
            break
    if stop < 0:
        return -1
    first = s[pos + 1] if stop > pos + 1 else 0

    if _zhuyin_index(first) or _is_zhuyin_tone(first):
        a = pos + 1
        b = stop
        if _is_zhuyin_tone(s[a]):
            a += 1
        elif _is_zhuyin_tone(s[b - 1]):
            b -= 1
        if b - a < 1 or b - a > 4:
            return -1
        for k in range(a, b):
            v = _zhuyin_index(s[k])
            if not v:
                return -1
            code = code * 128 + v
        i = _bsearch(t.zhuyin_keys, t.n_zhuyin, code)
        if i < 0:
            return -1
        if not by_reading:
            return stop + 1
        for k in range(t.zhuyin_offsets[i], t.zhuyin_offsets[i + 1]):
            if _has_reading(t, han, t.zhuyin_codes[k]):
                return stop + 1
        return -1

    for k in range(pos + 1, stop):
        c = s[k]
        if c < 0x80:
            v = t.letter[c]
            if v:
                letters[nl] = <char>v
                nl += 1
            elif c == 0x3A:  # "u:" spells ü
                if not (nl and letters[nl - 1] == b'u' and (s[k - 1] == 0x75 or s[k - 1] == 0x55)):
                    return -1
                letters[nl - 1] = b'v'
            elif 0x30 <= c <= 0x35:  # tone digit, only last
                if k != stop - 1 or nl == 0:
                    return -1
                tonal = True
            else:
                return -1
        elif 0x300 <= c <= 0x36F:
            if nl == 0:
                return -1
            v = t.tone_mark[c - 0x300]
            if v == 1:
                tonal = True
            elif v == 2:
                if letters[nl - 1] != b'u':
                    return -1
                letters[nl - 1] = b'v'
            elif v != 3:
                return -1
        else:
            v = _letter_of(t, c)
            if not v:
                return -1
            letters[nl] = <char>(v & 0x7F)
            nl += 1
            if v & 0x80:
                tonal = True
        if nl > MAX_SYLLABLE:
            return -1
    if nl == 0:
        return -1
    if nl > 1 and letters[1] == b'v' and (
        letters[0] == b'j' or letters[0] == b'q' or letters[0] == b'x' or letters[0] == b'y'
    ):
        letters[1] = b'u'  # jü, qü, xü, yü are spelled ju, qu, xu, yu
    for k in range(nl):
        code = code * 32 + <uint32_t>(letters[k] - 96)
    if _has_reading(t, han, code):
        return stop + 1
    # Syllable mode: any syllable but a bare toneless letter (方案(a)).
    if not by_reading and (tonal or nl > 1) and _bsearch(t.syllables, t.n_syllables, code) >= 0:
        return stop + 1
    return -1


cdef inline Py_ssize_t _run_end(const Tables* t, const ucs_t* s, Py_ssize_t n, Py_ssize_t start,
                                bint by_reading) noexcept nogil:
    """Where the run of annotation groups opening at ``start`` ends (``start`` if none)."""
    cdef Py_ssize_t end = start, g
    cdef uint32_t han
    if start < 1 or start >= n:
        return end
    han = s[start - 1]
    if not _is_han(han):
        return end
    while end < n and _is_open(s[end]):
        g = _group_end(t, s, n, end, han, by_reading)
        if g < 0:
            break
        end = g
    return end


cdef extern from "_scan.h":
    Py_ssize_t zhclean_next_open_u16(const uint16_t* s, Py_ssize_t n, Py_ssize_t i) nogil


cdef inline Py_ssize_t _next_open(const ucs_t* s, Py_ssize_t n, Py_ssize_t i) noexcept nogil:
    """Index of the next ( or （ at or after ``i``, or ``n``."""
    cdef Py_ssize_t k
    cdef int hit
    cdef Py_ssize_t near
    if ucs_t is uint16_t:
        # In annotated text the next ( is a few characters on: look there
        # first, then hand the long clean stretches to the vector scan (in
        # C, built for the widest vectors the machine has: see _scan.h).
        near = i + 16 if i + 16 < n else n
        while i < near:
            if s[i] == 0x28 or s[i] == 0xFF08:
                return i
            i += 1
        return zhclean_next_open_u16(s, n, i)
    # Clean text is the common case: test 32 code units per step with no
    # early exit, which the C compiler turns into vector compares.
    while i + 32 <= n:
        hit = 0
        for k in range(32):
            hit |= (s[i + k] == 0x28) | (s[i + k] == 0xFF08)
        if hit:
            break
        i += 32
    while i < n:
        if s[i] == 0x28 or s[i] == 0xFF08:
            return i
        i += 1
    return n


# The spans to delete, and where the scan stands: it runs in two parts.
cdef struct Runs:
    Py_ssize_t* spans       # [start, end) pairs
    Py_ssize_t count
    Py_ssize_t capacity
    Py_ssize_t search_from
    Py_ssize_t chained_han  # where the Han character after the last dropped space is
    Py_ssize_t brackets     # brackets looked at so far
    bint failed             # out of memory


cdef void _find_runs(const Tables* t, const ucs_t* s, Py_ssize_t n, bint by_reading,
                     Runs* r, Py_ssize_t limit) noexcept nogil:
    """Collect the runs opening before ``limit`` (their spans may reach past it)."""
    cdef Py_ssize_t* grown
    cdef Py_ssize_t p, end
    while True:
        p = _next_open(s, n, r.search_from + 1)
        if p >= limit:
            return
        r.brackets += 1
        if not _is_han(s[p - 1]):
            r.search_from = p
            continue
        end = _run_end(t, s, n, p, by_reading)
        if end == p:
            r.search_from = p
            continue
        # The flattener's space between annotated characters; see the twin.
        if (end + 1 < n and s[end] == 0x20 and _is_han(s[end + 1])
                and (p - 1 == r.chained_han or _run_end(t, s, n, end + 2, by_reading) > end + 2)):
            end += 1
            r.chained_han = end
        if r.count == r.capacity:
            r.capacity = 64 if r.capacity == 0 else r.capacity * 2
            grown = <Py_ssize_t*>realloc(r.spans, r.capacity * 2 * sizeof(Py_ssize_t))
            if grown == NULL:
                r.failed = True
                return
            r.spans = grown
        r.spans[2 * r.count] = p
        r.spans[2 * r.count + 1] = end
        r.count += 1
        r.search_from = end


cdef void _scan(const Tables* t, const char* data, int kind, Py_ssize_t n, bint by_reading,
                Runs* r, Py_ssize_t limit) noexcept nogil:
    if kind == 2:
        _find_runs(t, <const uint16_t*>data, n, by_reading, r, limit)
    else:
        _find_runs(t, <const uint32_t*>data, n, by_reading, r, limit)


cdef void _copy_kept(const char* src, char* dst, int kind, Py_ssize_t n,
                     const Py_ssize_t* spans, Py_ssize_t count) noexcept nogil:
    cdef Py_ssize_t i, kept_from = 0, out = 0, length
    for i in range(count + 1):
        length = (spans[2 * i] if i < count else n) - kept_from
        memcpy(dst + out * kind, src + kept_from * kind, length * kind)
        out += length
        if i < count:
            kept_from = spans[2 * i + 1]


def strip(text, bint by_reading):
    """``text`` without its annotation runs; ``text`` itself if it has none."""
    PyUnicode_READY(text)
    cdef int kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:
        return text  # Latin-1 only: no Han character, so no annotation
    cdef const Tables* t = _tables_ready()
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef const char* data = <const char*>PyUnicode_DATA(text)
    cdef Runs r
    cdef Py_ssize_t removed = 0, i
    cdef double predicted
    r.spans = NULL
    r.count = r.capacity = r.brackets = 0
    r.search_from = 0
    r.chained_han = -1
    r.failed = False
    _scan(t, data, kind, n, by_reading, &r, PROBE_CHARS if n > PROBE_CHARS else n)
    if n > PROBE_CHARS and not r.failed:
        predicted = (n - PROBE_CHARS) * (CHAR_NS + BRACKET_NS * r.brackets / PROBE_CHARS)
        if predicted >= RELEASE_NS:
            with nogil:
                _scan(t, data, kind, n, by_reading, &r, n)
        else:
            _scan(t, data, kind, n, by_reading, &r, n)
    try:
        if r.failed:
            raise MemoryError()
        if r.count == 0:
            return text
        for i in range(r.count):
            removed += r.spans[2 * i + 1] - r.spans[2 * i]
        # Only BMP characters are ever removed and the Han character before
        # every run stays, so the result needs the same storage width.
        result = PyUnicode_New(n - removed, PyUnicode_MAX_CHAR_VALUE(text))
        _copy_kept(data, <char*>PyUnicode_DATA(result), kind, n, r.spans, r.count)
        return result
    finally:
        free(r.spans)
